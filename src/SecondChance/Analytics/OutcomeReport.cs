using SecondChance.Cases;

namespace SecondChance.Analytics;

/// <summary>
/// Outcome statistics for a set of runner-up cases, one entry per job level the engine knows (levels
/// with no cases included, carrying their prior odds). Build one with
/// <see cref="OutcomeStatistics.Compute(IEnumerable{RunnerUpCase}, ILevelProfileSource, OddsOptions?)"/> or an
/// <see cref="OutcomeAccumulator"/>. Immutable and safe to share between threads; serialize it with
/// <see cref="Serialization.SecondChanceJson.Options"/>.
/// </summary>
/// <param name="Levels">The levels, ordered by name.</param>
/// <param name="Cases">How many cases were counted, across all levels.</param>
/// <param name="Skipped">How many cases were left out: a level the engine does not know, or a history that does not start with <see cref="Notified"/>.</param>
public sealed record OutcomeReport(IReadOnlyList<LevelOutcomes> Levels, long Cases, long Skipped)
{
    /// <summary>Returns the statistics for <paramref name="level"/>, or <see langword="null"/> when the report has no such level.</summary>
    /// <param name="level">The level to look up; letter case does not matter.</param>
    /// <returns>The level's statistics, or <see langword="null"/>.</returns>
    public LevelOutcomes? For(JobLevel level) => Levels.FirstOrDefault(l => l.Level == level);

    /// <summary>
    /// Returns the calibrated chance that a case at <paramref name="level"/> ends in a hire, to show next
    /// to a case's next action ("chance this comes back"). For a level with no closed cases this is the prior.
    /// </summary>
    /// <param name="level">The case's level; letter case does not matter.</param>
    /// <returns>The estimate, or <see langword="null"/> when the report has no such level.</returns>
    public CalibratedOdds? ChanceFor(JobLevel level) => For(level)?.Odds;
}
