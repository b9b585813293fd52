namespace SecondChance.Cases;

/// <summary>
/// Knows a <see cref="LevelProfile"/> for each job level it serves. <c>PlaybookEngine</c> is one, so
/// code that only needs the levels (such as the outcome statistics) can take an engine without
/// depending on it.
/// </summary>
public interface ILevelProfileSource
{
    /// <summary>Gets the profile of every job level served, keyed by level.</summary>
    IReadOnlyDictionary<JobLevel, LevelProfile> Levels { get; }
}
