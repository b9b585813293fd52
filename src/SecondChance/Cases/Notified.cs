using NodaTime;

namespace SecondChance.Cases;

/// <summary>The employer told the candidate they were the runner-up. Always the case's first event.</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
public sealed record Notified(LocalDate On) : CaseEvent(On, CaseEventType.Notified);
