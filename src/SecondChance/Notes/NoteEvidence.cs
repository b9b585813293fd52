using System.Text.Json;

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
    /// <returns>
    /// The examples by gap (keys compared ignoring letter case), or errors: not a JSON object, a value
    /// that is not a string, a blank key, a key given twice, an example over <see cref="MaxExampleLength"/> characters.
    /// Blank examples are accepted and count as missing.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static NoteEvidenceParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var empty = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new NoteEvidenceParseResult(empty, [$"not valid JSON: {ex.Message}"]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new NoteEvidenceParseResult(empty, ["the evidence file must be a JSON object mapping each gap to an example"]);
            }

            var errors = new List<string>();
            var evidence = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                var gap = property.Name.Trim();
                if (gap.Length == 0)
                {
                    errors.Add("a gap (key) is blank");
                }
                else if (property.Value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"\"{gap}\": the example must be a string");
                }
                else if (property.Value.GetString()!.Length > MaxExampleLength)
                {
                    errors.Add($"\"{gap}\": the example is longer than {MaxExampleLength} characters");
                }
                else if (!evidence.TryAdd(gap, property.Value.GetString()!.Trim()))
                {
                    errors.Add($"\"{gap}\": given more than once");
                }
            }

            return errors.Count > 0 ? new NoteEvidenceParseResult(empty, errors) : new NoteEvidenceParseResult(evidence, []);
        }
    }
}
