using NodaTime;

namespace SecondChance.Cases;

/// <summary>The employer came back to the candidate (step 9).</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
public sealed record Approached(LocalDate On) : CaseEvent(On, CaseEventType.Approached);
