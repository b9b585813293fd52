using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Openings;
using SecondChance.Validation;

namespace SecondChance.Serialization;

/// <summary>
/// JSON for the public contracts: the case document, events, the next action and the plan, with
/// camel-case names, ISO dates (<c>2026-03-06</c>) and enum names as strings (read in any letter case).
/// </summary>
public static class SecondChanceJson
{
    /// <summary>Gets serializer options for every type of this library. Read-only; copy them to change anything.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>Gets the same options, writing indented JSON for people to read.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    /// <summary>Adds this library's converters and naming to <paramref name="options"/> (for example a web host's options).</summary>
    /// <param name="options">The options to configure.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new RunnerUpCaseJsonConverter());
        options.Converters.Add(new CaseEventJsonConverter());
        options.Converters.Add(new JobLevelJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }

    /// <summary>Reads a case document, reporting every shape problem (missing fields, malformed dates, unknown names) with its field path.</summary>
    /// <param name="json">The case document.</param>
    /// <returns>The result; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static CaseParseResult ParseCase(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return CaseDocumentReader.Read(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return Malformed(ex);
        }
    }

    /// <summary>Reads a case document from an already parsed JSON element.</summary>
    /// <param name="element">The case document.</param>
    /// <returns>The result; never throws for bad content.</returns>
    public static CaseParseResult ParseCase(JsonElement element) => CaseDocumentReader.Read(element);

    /// <summary>Reads one event (<c>type</c>, <c>on</c> and the type's fields), reporting problems with paths under <c>$</c>.</summary>
    /// <param name="json">The event.</param>
    /// <param name="event">The event read, or <see langword="null"/>.</param>
    /// <returns>The problems found; empty on success.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<CaseError> ParseEvent(string json, out CaseEvent? @event)
    {
        ArgumentNullException.ThrowIfNull(json);
        @event = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return ParseEvent(doc.RootElement, out @event);
        }
        catch (JsonException ex)
        {
            return Malformed(ex).Errors;
        }
    }

    /// <summary>Reads one event from an already parsed JSON element.</summary>
    /// <param name="element">The event.</param>
    /// <param name="event">The event read, or <see langword="null"/>.</param>
    /// <returns>The problems found, with paths such as <c>on</c> or <c>channel</c>; empty on success.</returns>
    public static IReadOnlyList<CaseError> ParseEvent(JsonElement element, out CaseEvent? @event)
    {
        var errors = new List<CaseError>();
        if (JsonText.FindInvalid(element, "$") is { } invalidText)
        {
            @event = null;
            return [invalidText];
        }

        @event = CaseDocumentReader.ReadEvent(element, "$", errors);
        return errors.Select(e => e.Field.StartsWith("$.", StringComparison.Ordinal) ? e with { Field = e.Field[2..] } : e).ToArray();
    }

    /// <summary>
    /// Finds the first string value or member name in <paramref name="element"/> that is not valid
    /// Unicode text (an escaped half of a surrogate pair such as <c>"\ud800"</c>): such JSON parses,
    /// but reading the string throws <see cref="InvalidOperationException"/>; or the first member an
    /// object holds twice, exactly or in another letter case (<c>"gap"</c> and <c>"Gap"</c>), since
    /// members are read ignoring case. Hosts that read request bodies themselves check them with this
    /// first; the case, event and rule readers here already do.
    /// </summary>
    /// <param name="element">The parsed JSON.</param>
    /// <returns>The error with the path of the offending value or repeated member, such as <c>evidence.gap</c>; <see langword="null"/> when all text is valid and no member repeats.</returns>
    public static CaseError? FindInvalidText(JsonElement element) => JsonText.FindInvalid(element, "$");

    /// <summary>
    /// Reads one job opening (<c>company</c>, <c>title</c>, <c>postedOn</c> and optional <c>level</c>,
    /// <c>url</c>, <c>location</c>, <c>id</c>), checking it as <see cref="JobOpening.Validate"/> does.
    /// </summary>
    /// <param name="json">The opening.</param>
    /// <param name="opening">The opening read, or <see langword="null"/>.</param>
    /// <returns>The problems found, each naming its field; empty on success.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<CaseError> ParseOpening(string json, out JobOpening? opening)
    {
        ArgumentNullException.ThrowIfNull(json);
        opening = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return ParseOpening(doc.RootElement, out opening);
        }
        catch (JsonException ex)
        {
            return Malformed(ex).Errors;
        }
    }

    /// <summary>Reads one job opening from an already parsed JSON element.</summary>
    /// <param name="element">The opening.</param>
    /// <param name="opening">The opening read, or <see langword="null"/>.</param>
    /// <returns>The problems found, each naming its field; empty on success.</returns>
    public static IReadOnlyList<CaseError> ParseOpening(JsonElement element, out JobOpening? opening)
    {
        var errors = new List<CaseError>();
        opening = OpeningDocumentReader.Read(element, errors);
        return errors;
    }

    /// <summary>Writes a case as its JSON document.</summary>
    /// <param name="case">The case.</param>
    /// <param name="indented">Whether to indent for people to read.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(RunnerUpCase @case, bool indented = false) =>
        JsonSerializer.Serialize(@case, indented ? IndentedOptions : Options);

    /// <summary>Writes a next action as its JSON contract.</summary>
    /// <param name="next">The next action.</param>
    /// <param name="indented">Whether to indent for people to read.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(NextAction next, bool indented = false) =>
        JsonSerializer.Serialize(next, indented ? IndentedOptions : Options);

    /// <summary>
    /// Reads an ISO date (<c>2026-03-06</c>) the way case documents do, saying what is wrong when it
    /// cannot: <c>2026-02-30 is not a day in February 2026 (it has 28 days)</c>, or the format to use.
    /// </summary>
    /// <param name="text">The text to read.</param>
    /// <param name="date">The date read, or the default.</param>
    /// <param name="problem">Why the text is not a date, or <see langword="null"/>.</param>
    /// <returns>Whether the text is a date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static bool TryParseDate(string text, out LocalDate date, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = CaseDocumentReader.DateProblem(text, out date);
        return problem is null;
    }

    private static CaseParseResult Malformed(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
        return new CaseParseResult(null, [new CaseError("$", "is not valid JSON" + where)]);
    }

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = Configure(new JsonSerializerOptions { WriteIndented = writeIndented });
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
