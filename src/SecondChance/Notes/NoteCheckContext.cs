using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>What <see cref="NoteValidator"/> checks: a note's text, the case it answers and the channel it goes by.</summary>
/// <param name="Text">The note's text; an optional first line <c>Subject: ...</c> is skipped.</param>
/// <param name="Case">The case whose recorded gaps the note must answer.</param>
/// <param name="Channel">The channel, which sets the word limit.</param>
internal sealed record NoteCheckContext(string Text, RunnerUpCase Case, NoteChannel Channel);
