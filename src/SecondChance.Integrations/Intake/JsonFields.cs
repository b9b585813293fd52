using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>Reads fields of a delivery by path, collecting one error per missing or mistyped field.</summary>
internal static class JsonFields
{
    public static JsonDocument? Parse(ReadOnlySpan<byte> body, List<CaseError> errors)
    {
        try
        {
            var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new CaseError("$", "the body must be a JSON object"));
                document.Dispose();
                return null;
            }

            return document;
        }
        catch (JsonException ex)
        {
            errors.Add(new CaseError("$", "the body is not JSON: " + ex.Message.Split(" Path:", 2)[0]));
            return null;
        }
    }

    public static JsonElement? Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement? Object(JsonElement parent, string name, string path, List<CaseError> errors, bool required = true)
    {
        switch (Get(parent, name))
        {
            case { ValueKind: JsonValueKind.Object } found:
                return found;
            case null when !required:
                return null;
            case null:
                errors.Add(new CaseError(path, "is required"));
                return null;
            default:
                errors.Add(new CaseError(path, "must be an object"));
                return null;
        }
    }

    public static string? String(JsonElement parent, string name, string path, List<CaseError> errors, bool required = true)
    {
        switch (Get(parent, name))
        {
            case { ValueKind: JsonValueKind.String } found when !string.IsNullOrWhiteSpace(found.GetString()):
                return found.GetString()!.Trim();
            case null or { ValueKind: JsonValueKind.String } when !required:
                return null;
            case null or { ValueKind: JsonValueKind.String }:
                errors.Add(new CaseError(path, "is required and must not be empty"));
                return null;
            default:
                errors.Add(new CaseError(path, "must be a string"));
                return null;
        }
    }

    /// <summary>Reads an id that an ATS may send as a number or a string.</summary>
    public static string? Id(JsonElement parent, string name) => Get(parent, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()) => s.GetString(),
        _ => null,
    };

    public static Instant? Timestamp(JsonElement parent, string name, string path, List<CaseError> errors)
    {
        var text = String(parent, name, path, errors);
        if (text is null)
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value.ToInstant();
        }

        errors.Add(new CaseError(path, $"'{RunnerUpPolicy.Shorten(text)}' is not a date and time such as 2026-03-06T17:30:00Z"));
        return null;
    }

    public static LocalDate? Date(JsonElement parent, string name, string path, List<CaseError> errors)
    {
        var text = String(parent, name, path, errors);
        if (text is null)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.Add(new CaseError(path, $"'{RunnerUpPolicy.Shorten(text)}' is not a date; use YYYY-MM-DD"));
        return null;
    }

    public static DateTimeZone? Zone(string name, string path, List<CaseError> errors)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(name);
        if (zone is null)
        {
            errors.Add(new CaseError(path, $"'{RunnerUpPolicy.Shorten(name)}' is not a known IANA time zone id (for example America/Los_Angeles)"));
        }

        return zone;
    }
}
