using System.Text.Json;
using System.Text.Json.Serialization;
using SecondChance.Cases;

namespace SecondChance.Serialization;

/// <summary>Reads and writes a <see cref="JobLevel"/> as its name.</summary>
public sealed class JobLevelJsonConverter : JsonConverter<JobLevel>
{
    /// <inheritdoc />
    public override JobLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return string.IsNullOrWhiteSpace(name) ? throw new JsonException("A job level must be a non-empty string.") : new JobLevel(name);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JobLevel value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
