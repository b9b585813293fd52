using SecondChance.Cases;

namespace SecondChance.Analytics;

/// <summary>
/// Measures how runner-up cases turn out, per job level: how far they got through the playbook, how
/// long the employer took to come back, and the chance of a hire calibrated with the board's own results.
/// </summary>
/// <example>
/// <code>
/// var odds = OutcomeStatistics.Compute(store.AllCases(), engine).ChanceFor(myCase.Level);
/// </code>
/// </example>
public static class OutcomeStatistics
{
    /// <summary>
    /// Computes outcome statistics for <paramref name="cases"/>, enumerating them once and keeping none of
    /// them, so the input may be a stream of any length (memory stays proportional to the number of levels).
    /// </summary>
    /// <param name="cases">The cases; each is counted under its level. Cases of unknown levels are skipped and counted in <see cref="OutcomeReport.Skipped"/>.</param>
    /// <param name="engine">The engine (or any other <see cref="ILevelProfileSource"/>) whose levels and prior odds the report uses.</param>
    /// <param name="options">How to calibrate the odds; the defaults when <see langword="null"/>.</param>
    /// <returns>The report, with every level of the engine (levels with no cases carry their prior odds).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/>, <paramref name="engine"/> or one of the cases is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static OutcomeReport Compute(IEnumerable<RunnerUpCase> cases, ILevelProfileSource engine, OddsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var accumulator = new OutcomeAccumulator(engine, options);
        foreach (var @case in cases)
        {
            accumulator.Add(@case);
        }

        return accumulator.ToReport();
    }

    /// <summary>Computes outcome statistics for an asynchronous stream of cases, keeping none of them.</summary>
    /// <param name="cases">The cases; each is counted under its level.</param>
    /// <param name="engine">The engine (or any other <see cref="ILevelProfileSource"/>) whose levels and prior odds the report uses.</param>
    /// <param name="options">How to calibrate the odds; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/>, <paramref name="engine"/> or one of the cases is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OutcomeReport> ComputeAsync(
        IAsyncEnumerable<RunnerUpCase> cases,
        ILevelProfileSource engine,
        OddsOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var accumulator = new OutcomeAccumulator(engine, options);
        await foreach (var @case in cases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(@case);
        }

        return accumulator.ToReport();
    }
}
