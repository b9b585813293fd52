namespace SecondChance.Analytics;

/// <summary>
/// Turns a level's prior odds and a count of closed cases into a <see cref="CalibratedOdds"/>: the
/// Beta-Binomial update behind <see cref="OutcomeReport.ChanceFor(Cases.JobLevel)"/>. Pure and thread-safe.
/// </summary>
public static class OddsCalibrator
{
    /// <summary>
    /// Updates a Beta prior with mean <paramref name="prior"/> and weight <paramref name="weight"/> with
    /// <paramref name="successes"/> hires and <paramref name="failures"/> other closings. The posterior is
    /// Beta(weight x prior + successes, weight x (1 - prior) + failures); its mean is the estimate and its
    /// 2.5th and 97.5th percentiles bound the 95% credible interval.
    /// </summary>
    /// <param name="prior">The prior chance of a hire, from 0 to 1 (a level's <see cref="Cases.LevelProfile.PriorOdds"/>).</param>
    /// <param name="weight">How many closed cases the prior is worth; above zero.</param>
    /// <param name="successes">Closed cases that ended in a hire; zero or more.</param>
    /// <param name="failures">Closed cases that ended any other way; zero or more.</param>
    /// <returns>The calibrated estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static CalibratedOdds Calibrate(double prior, double weight, long successes, long failures)
    {
        if (double.IsNaN(prior) || prior is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(prior), prior, "The prior odds must be from 0 to 1.");
        }

        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be a finite number above zero.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(failures);

        var alpha = (weight * prior) + successes;
        var beta = (weight * (1 - prior)) + failures;
        var mean = alpha / (alpha + beta);
        var lower = SpecialFunctions.InverseRegularizedIncompleteBeta(alpha, beta, 0.025);
        var upper = SpecialFunctions.InverseRegularizedIncompleteBeta(alpha, beta, 0.975);
        return new CalibratedOdds(prior, weight, successes, failures, mean, lower, upper);
    }
}
