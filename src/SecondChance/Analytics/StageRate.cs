namespace SecondChance.Analytics;

/// <summary>
/// How many cases of one job level reached a stage, and how that compares with the stage before it
/// and with all cases of the level.
/// </summary>
/// <remarks>
/// <para>
/// A case counts as having reached a stage when its history holds that stage's event or the event of
/// any later stage: a case whose employer came back before the candidate followed up still passed the
/// follow-up stage, and a case closed as hired counts as offered even when no offer was recorded. This
/// keeps every stage's count at or below the previous one's, so each rate is a true proportion.
/// </para>
/// <para>
/// The conversion rate is <see cref="Reached"/> divided by <see cref="OutOf"/>, the cases that reached
/// the previous stage (all cases of the level, for <see cref="OutcomeStage.NoteSent"/>). The overall
/// rate divides by all cases of the level. Both intervals are 95% Wilson score intervals. Rates and
/// intervals are <see langword="null"/> when their denominator is zero.
/// </para>
/// </remarks>
/// <param name="Stage">The stage.</param>
/// <param name="Reached">How many cases reached the stage.</param>
/// <param name="OutOf">How many cases reached the previous stage: the denominator of <paramref name="Rate"/>.</param>
/// <param name="Rate">The conversion rate from the previous stage, <paramref name="Reached"/> / <paramref name="OutOf"/>; <see langword="null"/> when <paramref name="OutOf"/> is zero.</param>
/// <param name="Interval">The 95% Wilson score interval of <paramref name="Rate"/>; <see langword="null"/> when <paramref name="OutOf"/> is zero.</param>
/// <param name="OverallRate">The share of all cases of the level that reached the stage; <see langword="null"/> when the level has no cases.</param>
/// <param name="OverallInterval">The 95% Wilson score interval of <paramref name="OverallRate"/>; <see langword="null"/> when the level has no cases.</param>
public sealed record StageRate(
    OutcomeStage Stage,
    long Reached,
    long OutOf,
    double? Rate,
    RateInterval? Interval,
    double? OverallRate,
    RateInterval? OverallInterval);
