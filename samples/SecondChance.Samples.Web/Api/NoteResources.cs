using SecondChance.Cases;
using SecondChance.Notes;

namespace SecondChance.Samples.Web.Api;

/// <summary>The body of <c>POST /api/cases/{id}/note/draft</c>; every field is optional and an empty body is allowed.</summary>
public sealed record NoteDraftRequest
{
    /// <summary>Gets Email, Card or Letter; by default the channel of the case's last note, else Email.</summary>
    public NoteChannel? Channel { get; init; }

    /// <summary>Gets the candidate's example for each recorded gap, keyed by the gap as recorded (letter case and surrounding spaces ignored).</summary>
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }
}

/// <summary>A drafted thank-you note.</summary>
/// <param name="Subject">The subject line of an email; <see langword="null"/> for a card or a letter.</param>
/// <param name="Body">The note without its subject line.</param>
/// <param name="Text">The whole note as it would be sent: for an email, <c>Subject: ...</c>, a blank line and the body.</param>
/// <param name="Channel">The channel it was drafted for.</param>
/// <param name="MissingEvidence">The gaps that still need an example; the draft holds an <c>[ADD AN EXAMPLE ...]</c> prompt for each.</param>
public sealed record NoteDraftResource(string? Subject, string Body, string Text, NoteChannel Channel, IReadOnlyList<string> MissingEvidence);

/// <summary>The body of <c>POST /api/cases/{id}/note/check</c>.</summary>
public sealed record NoteCheckRequest
{
    /// <summary>Gets the note to check, as it would be sent (an email may start with a <c>Subject:</c> line); at most 20,000 characters.</summary>
    public required string Text { get; init; }

    /// <summary>Gets Email, Card or Letter; sets the word limit. By default the channel of the case's last note, else Email.</summary>
    public NoteChannel? Channel { get; init; }
}

/// <summary>What the checker found in a note.</summary>
/// <param name="CanSend">Whether the note has no error (warnings do not stop it).</param>
/// <param name="Findings">Each finding, ordered by line and offset; findings about the whole note come last.</param>
/// <param name="Gaps">How the note answers each recorded gap, and why: the concept matched, the candidate's claim and the example found.</param>
public sealed record NoteCheckResource(bool CanSend, IReadOnlyList<NoteFinding> Findings, IReadOnlyList<GapAnswer> Gaps);
