using NodaTime;

namespace SecondChance.Cases;

/// <summary>The candidate sent the thank-you note (steps 5 and 6).</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
/// <param name="Channel">How the note was sent.</param>
public sealed record NoteSent(LocalDate On, NoteChannel Channel) : CaseEvent(On, CaseEventType.NoteSent);
