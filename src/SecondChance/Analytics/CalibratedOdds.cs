using System.Globalization;

namespace SecondChance.Analytics;

/// <summary>
/// The chance that a runner-up case at one job level ends in a hire: the level's prior odds, updated
/// with the outcomes of closed cases (a Beta-Binomial update), with a 95% equal-tailed credible interval.
/// </summary>
/// <remarks>
/// The prior is a Beta distribution with mean <see cref="Prior"/> and weight <see cref="Weight"/>
/// (alpha = weight x prior, beta = weight x (1 - prior)), worth as much as that many closed cases.
/// Each hire adds one to alpha and each other closing adds one to beta. With no closed cases the
/// estimate is the prior; as cases close, the board's own results take over.
/// </remarks>
/// <param name="Prior">The level's prior odds, from 0 to 1 (<see cref="Cases.LevelProfile.PriorOdds"/>).</param>
/// <param name="Weight">How many closed cases the prior is worth (<see cref="OddsOptions.Weight"/>).</param>
/// <param name="Successes">Closed cases that ended in a hire.</param>
/// <param name="Failures">Closed cases that ended any other way.</param>
/// <param name="PosteriorMean">The estimated chance of a hire, from 0 to 1.</param>
/// <param name="Lower">The 2.5th percentile of the posterior: the lower end of the 95% credible interval.</param>
/// <param name="Upper">The 97.5th percentile of the posterior: the upper end of the 95% credible interval.</param>
public sealed record CalibratedOdds(
    double Prior,
    double Weight,
    long Successes,
    long Failures,
    double PosteriorMean,
    double Lower,
    double Upper)
{
    /// <summary>Gets how many closed cases the estimate learned from (<see cref="Successes"/> plus <see cref="Failures"/>).</summary>
    public long Closed => Successes + Failures;

    /// <summary>Describes the estimate for people, in percent, for example <c>28% (95% credible interval 16% to 42%; 3 hired of 12 closed)</c>.</summary>
    /// <returns>The description, formatted with the invariant culture.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Percent(PosteriorMean)} (95% credible interval {Percent(Lower)} to {Percent(Upper)}; {Successes} hired of {Closed} closed)");

    private static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
