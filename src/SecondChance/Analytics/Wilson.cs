namespace SecondChance.Analytics;

/// <summary>The Wilson score interval for a binomial proportion.</summary>
internal static class Wilson
{
    /// <summary>
    /// Returns the 95% Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>:
    /// centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · sqrt(p(1 - p)/n + z²/4n²), where p is the
    /// observed proportion and z ≈ 1.96. <see langword="null"/> when there are no trials.
    /// </summary>
    public static RateInterval? Interval(long successes, long trials)
    {
        if (trials <= 0)
        {
            return null;
        }

        double n = trials;
        var p = successes / n;
        const double z = SpecialFunctions.Z95;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));

        // At 0 and n successes the exact bounds are 0 and 1; rounding would leave a trace either side.
        var lower = successes <= 0 ? 0 : Math.Max(0, centre - half);
        var upper = successes >= trials ? 1 : Math.Min(1, centre + half);
        return new RateInterval(lower, upper);
    }
}
