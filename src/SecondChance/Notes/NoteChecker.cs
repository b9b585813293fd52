using FluentValidation;
using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>
/// Checks any note, drafted here or written by hand, against the playbook and the case: thanks,
/// an answer with an example for each recorded gap, a closing that states continued interest, no
/// arguing, brevity, and no prompt left unfilled. See <see cref="NoteGuidelines"/> for the lists and limits. Thread-safe.
/// </summary>
/// <remarks>
/// The rules, in order: thanks somewhere in the note; each recorded gap answered by a paragraph
/// that speaks of the gap's concept as the candidate's own claim (an error when none does), with a
/// concrete example (a warning when it has none; not checked while it still holds a prompt), as
/// <see cref="GapJudge"/> judges it and <see cref="NoteCheckResult.Gaps"/> reports it; the closing paragraph
/// states continued interest and openness; no argumentative or defensive phrase; the word limit for
/// the channel; no "[ADD ...]" prompt left.
/// </remarks>
public static class NoteChecker
{
    /// <summary>
    /// The longest note checked, in characters (UTF-16 code units): 100,000, some forty times the longest
    /// letter the word limits allow. A longer text is not checked: the result is one
    /// <see cref="NoteFindingCode.TooLarge"/> error.
    /// </summary>
    public const int MaxNoteLength = 100_000;

    private static readonly NoteValidator Validator = new();

    /// <summary>Checks <paramref name="noteText"/> as a note answering <paramref name="case"/>.</summary>
    /// <param name="noteText">The note; lines separated by any line break, paragraphs by blank lines, an optional first line <c>Subject: ...</c>.</param>
    /// <param name="case">The case whose recorded gaps the note must answer.</param>
    /// <param name="channel">The channel, which sets the word limit; when <see langword="null"/>, the channel of the case's last <see cref="NoteSent"/>, else <see cref="NoteChannel.Email"/>.</param>
    /// <returns>
    /// The findings, ordered by line (note-wide findings last); empty for a note that passes every check.
    /// A note over <see cref="MaxNoteLength"/> characters gets only a <see cref="NoteFindingCode.TooLarge"/> error.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="noteText"/> or <paramref name="case"/> is <see langword="null"/>.</exception>
    public static NoteCheckResult Check(string noteText, RunnerUpCase @case, NoteChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        ArgumentNullException.ThrowIfNull(@case);
        if (noteText.Length > MaxNoteLength)
        {
            return new NoteCheckResult([new NoteFinding(
                NoteSeverity.Error,
                NoteFindingCode.TooLarge,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The text is {noteText.Length:N0} characters long; notes of at most {MaxNoteLength:N0} characters are checked. A note is a few short paragraphs: check the note itself, not a longer document."),
                null,
                null)]);
        }

        var context = new ValidationContext<NoteCheckContext>(new NoteCheckContext(noteText, @case, NoteDrafter.ResolveChannel(@case, channel)));
        var result = Validator.Validate(context);
        var gaps = context.RootContextData.TryGetValue(NoteValidator.GapsKey, out var judged) ? (IReadOnlyList<GapAnswer>)judged : [];
        return new NoteCheckResult(
            result.Errors
            .Select(e => e.CustomState as NoteFinding)
            .OfType<NoteFinding>()
            .OrderBy(f => f.Line ?? int.MaxValue)
            .ThenBy(f => f.Offset ?? int.MaxValue)
            .ThenBy(f => f.Code),
            gaps);
    }
}
