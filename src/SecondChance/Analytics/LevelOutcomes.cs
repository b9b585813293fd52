using SecondChance.Cases;

namespace SecondChance.Analytics;

/// <summary>What happened to the runner-up cases of one job level: the stage funnel, typical timings and the calibrated odds.</summary>
/// <param name="Level">The job level, spelled as the engine was configured.</param>
/// <param name="Cases">How many cases of this level were counted.</param>
/// <param name="Stages">One entry per <see cref="OutcomeStage"/>, in playbook order.</param>
/// <param name="MedianDaysToApproach">
/// The median number of days from the call (<see cref="Notified"/>) to the employer's first approach, over
/// the cases that record an <see cref="Approached"/> event; <see langword="null"/> when none does.
/// Spans of 3650 days or more count as 3650 (see <see cref="OutcomeAccumulator.MaxTrackedDays"/>).
/// </param>
/// <param name="MedianDaysToHire">
/// The median number of days from the call to the case being closed as hired, over the hired cases;
/// <see langword="null"/> when none was hired. Capped like <paramref name="MedianDaysToApproach"/>.
/// </param>
/// <param name="Odds">The level's prior odds updated with its closed cases.</param>
public sealed record LevelOutcomes(
    JobLevel Level,
    long Cases,
    IReadOnlyList<StageRate> Stages,
    double? MedianDaysToApproach,
    double? MedianDaysToHire,
    CalibratedOdds Odds)
{
    /// <summary>Returns the entry for <paramref name="stage"/>.</summary>
    /// <param name="stage">The stage to look up.</param>
    /// <returns>The stage's counts and rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined stage.</exception>
    public StageRate Stage(OutcomeStage stage) =>
        Stages.FirstOrDefault(s => s.Stage == stage) ?? throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a defined stage.");
}
