using NodaTime;

namespace SecondChance.Cases;

/// <summary>The case ended; no event may follow it.</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record Closed(LocalDate On, CloseReason Reason) : CaseEvent(On, CaseEventType.Closed);
