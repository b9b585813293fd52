using NodaTime;

namespace SecondChance.Cases;

/// <summary>The candidate thanked the caller and said they remain interested in the company, this job and similar ones (step 4).</summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
public sealed record InterestReaffirmed(LocalDate On) : CaseEvent(On, CaseEventType.InterestReaffirmed);
