namespace SecondChance.Notes;

/// <summary>One problem <see cref="NoteChecker"/> found in a note, with where it is.</summary>
/// <param name="Severity">Whether the note should not be sent as it is (<see cref="NoteSeverity.Error"/>) or could be better (<see cref="NoteSeverity.Warning"/>).</param>
/// <param name="Code">What the finding is about.</param>
/// <param name="Reason">A sentence for the candidate saying what is wrong and what to do.</param>
/// <param name="Line">The 1-based line the finding starts on (a paragraph's first line for paragraph findings); <see langword="null"/> when it is about the note as a whole or about something missing.</param>
/// <param name="Excerpt">The offending text (a phrase, a prompt, or the start of a paragraph); <see langword="null"/> when nothing in the text can be pointed at.</param>
/// <param name="Offset">The 0-based character offset of <paramref name="Excerpt"/> in the checked text; <see langword="null"/> when there is no excerpt.</param>
public sealed record NoteFinding(
    NoteSeverity Severity,
    NoteFindingCode Code,
    string Reason,
    int? Line,
    string? Excerpt,
    int? Offset = null)
{
    /// <summary>Returns the finding as one line: <c>error NoThanks: reason</c> or <c>warning Defensive (line 4, "actually"): reason</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var severity = Severity == NoteSeverity.Error ? "error" : "warning";
        var where = (Line, Excerpt) switch
        {
            (int line, string excerpt) => $" (line {line}, \"{excerpt}\")",
            (int line, null) => $" (line {line})",
            _ => string.Empty,
        };
        return $"{severity} {Code}{where}: {Reason}";
    }
}
