using System.Text.Json;
using System.Text.Json.Serialization;
using SecondChance.Cases;

namespace SecondChance.Serialization;

/// <summary>
/// Reads and writes <see cref="RunnerUpCase"/> as the case document contract. Reading throws a
/// <see cref="JsonException"/> listing every problem with its field path; use
/// <see cref="SecondChanceJson.ParseCase(string)"/> to get them as a result instead.
/// </summary>
public sealed class RunnerUpCaseJsonConverter : JsonConverter<RunnerUpCase>
{
    /// <inheritdoc />
    public override RunnerUpCase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var result = CaseDocumentReader.Read(doc.RootElement);
        return result.Case ?? throw new JsonException("Invalid case document: " + string.Join("; ", result.Errors));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RunnerUpCase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        CaseDocumentWriter.Write(writer, value);
    }
}
