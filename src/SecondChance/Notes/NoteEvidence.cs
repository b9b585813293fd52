using System.Text.Json;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Notes;

/// <summary>
/// Reads the evidence file a host passes to <see cref="NoteDrafter.Draft"/>: a JSON object whose
/// keys are recorded gaps (as in the case's <c>FeedbackRecorded</c> event) and whose values are the
/// candidate's example for each, in their own words.
/// </summary>
/// <example>
/// <code>
/// {
///   "has not led a team of 10 or more": "In 2025 I led 14 engineers across two time zones and shipped the billing rewrite a month early."
/// }
/// </code>
/// </example>
public static class NoteEvidence
{
    /// <summary>The longest example accepted, in characters.</summary>
    public const int MaxExampleLength = 2000;

    /// <summary>Parses an evidence file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="case">When given, every key must be a gap the case recorded (see <see cref="RunnerUpCase.RecordedGaps"/>).</param>
    /// <returns>
    /// The examples by gap (keys compared ignoring letter case), or errors, each at <c>evidence</c> or
    /// <c>evidence["gap"]</c>: not a JSON object, a value that is not a string, a blank key, a key given
    /// twice, an example over <see cref="MaxExampleLength"/> characters, a gap the case did not record.
    /// Blank examples are accepted and count as missing.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static NoteEvidenceParseResult Parse(string json, RunnerUpCase? @case = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Failed([new CaseError(Field, $"not valid JSON: {ex.Message}")]);
        }

        using (doc)
        {
            return Read(doc.RootElement, @case);
        }
    }

    /// <summary>Reads evidence from a JSON value, such as the <c>evidence</c> member of a request, by the rules of <see cref="Parse(string, RunnerUpCase?)"/>.</summary>
    /// <param name="evidence">The value: an object mapping each gap to an example.</param>
    /// <param name="case">When given, every key must be a gap the case recorded.</param>
    /// <returns>The examples by gap, or the errors.</returns>
    public static NoteEvidenceParseResult Read(JsonElement evidence, RunnerUpCase? @case = null)
    {
        if (evidence.ValueKind != JsonValueKind.Object)
        {
            return Failed([new CaseError(Field, "must be an object that maps each recorded gap to your example")]);
        }

        var errors = new List<CaseError>();
        var examples = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in evidence.EnumerateObject())
        {
            var gap = property.Name.Trim();
            var path = PathOf(gap);
            if (gap.Length == 0)
            {
                errors.Add(new CaseError(Field, "a gap (key) is blank"));
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new CaseError(path, "must be a string: your example in your own words"));
            }
            else if (property.Value.GetString()!.Length > MaxExampleLength)
            {
                errors.Add(new CaseError(path, $"must be at most {MaxExampleLength} characters"));
            }
            else if (!examples.TryAdd(gap, property.Value.GetString()!.Trim()))
            {
                errors.Add(new CaseError(path, "is given more than once"));
            }
        }

        if (@case is not null && errors.Count == 0)
        {
            // A key that names no recorded gap is almost always a typo; drafting would silently leave its prompt in.
            var gaps = @case.RecordedGaps();
            foreach (var key in examples.Keys.Where(k => !gaps.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add(new CaseError(PathOf(key), gaps.Count == 0
                    ? "is not a recorded gap: this case records no gaps yet"
                    : "is not a recorded gap; this case records " + string.Join(", ", gaps.Select(g => $"\"{CaseText.Excerpt(g)}\""))));
            }
        }

        return errors.Count > 0 ? Failed(errors) : new NoteEvidenceParseResult(examples, []);
    }

    private const string Field = "evidence";

    private static string PathOf(string gap) => $"evidence[\"{CaseText.Excerpt(gap).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    private static NoteEvidenceParseResult Failed(IReadOnlyList<CaseError> errors) =>
        new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), errors);
}
