using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>A thank-you note drafted by <see cref="NoteDrafter"/>, ready to edit and check.</summary>
/// <param name="Subject">The subject line for an email; <see langword="null"/> for a card or letter.</param>
/// <param name="Body">The note itself, lines separated by <c>\n</c>, paragraphs by a blank line.</param>
/// <param name="Channel">The channel the note was written for.</param>
/// <param name="MissingEvidence">The recorded gaps that had no example, in case order; the body holds an "[ADD AN EXAMPLE: ...]" prompt for each.</param>
public sealed record NoteDraft(string? Subject, string Body, NoteChannel Channel, IReadOnlyList<string> MissingEvidence)
{
    /// <summary>Gets whether every gap had an example, so the draft holds no prompt to fill in.</summary>
    public bool IsComplete => MissingEvidence.Count == 0;

    /// <summary>
    /// Gets the whole note as one text: for an email, a <c>Subject: ...</c> line, a blank line and the
    /// body; otherwise the body. <see cref="NoteChecker"/> reads this form (it skips the subject line).
    /// </summary>
    public string Text => Subject is null ? Body : $"Subject: {Subject}\n\n{Body}";
}
