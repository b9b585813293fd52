using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>
/// Checks any note, drafted here or written by hand, against the playbook and the case: thanks,
/// an answer with an example for each recorded gap, a closing that states continued interest, no
/// arguing, brevity, and no prompt left unfilled. See <see cref="NoteGuidelines"/> for the lists and limits. Thread-safe.
/// </summary>
/// <remarks>
/// The rules, in order: thanks somewhere in the note; each recorded gap answered by a paragraph
/// (at least half of the gap's keywords, see <see cref="NoteGuidelines.GapKeywords"/>, share a
/// <see cref="NoteGuidelines.Stem"/> with that paragraph's words; words of the candidate's, company's,
/// role's and contact's names do not count); that paragraph holds a number, a size or a result once
/// the quoted gap is taken out (not checked while it still holds a prompt); the closing paragraph
/// states continued interest and openness; no argumentative or defensive phrase; the word limit for
/// the channel; no "[ADD ...]" prompt left.
/// </remarks>
public static class NoteChecker
{
    private static readonly NoteValidator Validator = new();

    /// <summary>Checks <paramref name="noteText"/> as a note answering <paramref name="case"/>.</summary>
    /// <param name="noteText">The note; lines separated by any line break, paragraphs by blank lines, an optional first line <c>Subject: ...</c>.</param>
    /// <param name="case">The case whose recorded gaps the note must answer.</param>
    /// <param name="channel">The channel, which sets the word limit; when <see langword="null"/>, the channel of the case's last <see cref="NoteSent"/>, else <see cref="NoteChannel.Email"/>.</param>
    /// <returns>The findings, ordered by line (note-wide findings last); empty for a note that passes every check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noteText"/> or <paramref name="case"/> is <see langword="null"/>.</exception>
    public static NoteCheckResult Check(string noteText, RunnerUpCase @case, NoteChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        ArgumentNullException.ThrowIfNull(@case);
        var result = Validator.Validate(new NoteCheckContext(noteText, @case, NoteDrafter.ResolveChannel(@case, channel)));
        return new NoteCheckResult(result.Errors
            .Select(e => e.CustomState as NoteFinding)
            .OfType<NoteFinding>()
            .OrderBy(f => f.Line ?? int.MaxValue)
            .ThenBy(f => f.Offset ?? int.MaxValue)
            .ThenBy(f => f.Code));
    }
}
