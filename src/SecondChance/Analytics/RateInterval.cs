namespace SecondChance.Analytics;

/// <summary>A range of plausible values for a rate, each bound from 0 to 1, with <see cref="Lower"/> never above <see cref="Upper"/>.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public sealed record RateInterval(double Lower, double Upper);
