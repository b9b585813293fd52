using NodaTime;

namespace SecondChance.Cases;

/// <summary>The employer made an offer (step 10).</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
/// <param name="RespondBy">The date by which the employer wants an answer, if they gave one; never before <paramref name="On"/>.</param>
public sealed record OfferReceived(LocalDate On, LocalDate? RespondBy = null) : CaseEvent(On, CaseEventType.OfferReceived);
