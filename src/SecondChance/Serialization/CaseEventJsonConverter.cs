using System.Text.Json;
using System.Text.Json.Serialization;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Serialization;

/// <summary>Reads and writes one <see cref="CaseEvent"/> as the event contract (<c>type</c>, <c>on</c> and the type's fields).</summary>
public sealed class CaseEventJsonConverter : JsonConverter<CaseEvent>
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeof(CaseEvent).IsAssignableFrom(typeToConvert);

    /// <inheritdoc />
    public override CaseEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var errors = new List<CaseError>();
        var e = JsonText.FindInvalid(doc.RootElement, "$") is { } invalidText
            ? Fail(invalidText, errors)
            : CaseDocumentReader.ReadEvent(doc.RootElement, "$", errors);
        if (e is null)
        {
            throw new JsonException("Invalid event: " + string.Join("; ", errors));
        }

        if (!typeToConvert.IsInstanceOfType(e))
        {
            throw new JsonException($"Expected a {typeToConvert.Name} event, not {e.Type}.");
        }

        return e;
    }

    private static CaseEvent? Fail(CaseError error, List<CaseError> errors)
    {
        errors.Add(error);
        return null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CaseEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        CaseDocumentWriter.WriteEvent(writer, value);
    }
}
