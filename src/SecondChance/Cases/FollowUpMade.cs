using NodaTime;

namespace SecondChance.Cases;

/// <summary>The candidate contacted the same person again, months after the note (steps 7 and 8).</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
/// <param name="Outcome">What the candidate learned.</param>
public sealed record FollowUpMade(LocalDate On, FollowUpOutcome Outcome) : CaseEvent(On, CaseEventType.FollowUpMade);
