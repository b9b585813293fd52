using System.Globalization;
using SecondChance.Analytics;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Outcomes;

/// <summary>
/// Reads an NDJSON file of case documents line by line into an <see cref="OutcomeAccumulator"/>: one line in
/// memory at a time, whatever the file's size.
/// </summary>
/// <remarks>
/// A line that is not a valid case (bad JSON, a failed check, a level the engine does not know) is skipped and
/// reported on stderr with its line number; blank lines are ignored. The report's <c>skipped</c> counts every
/// skipped line.
/// </remarks>
internal static class OutcomesFile
{
    /// <summary>Reads the <c>--outcomes</c> file when one was given; <see langword="null"/> otherwise.</summary>
    /// <param name="session">The CLI session.</param>
    /// <param name="path">The NDJSON file, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<OutcomeReport?> ReadOptionalAsync(CliSession session, string? path, CancellationToken cancellationToken) =>
        path is null ? null : await ReadAsync(session, path, "outcomes", cancellationToken);

    /// <summary>Reads the file and returns the outcome report.</summary>
    /// <param name="session">The CLI session (engine, clock, <c>--today</c>, stderr).</param>
    /// <param name="path">The NDJSON file.</param>
    /// <param name="what">What the file is, for messages ("cases", "outcomes").</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="InvalidInputException">The file is missing or cannot be read.</exception>
    public static async Task<OutcomeReport> ReadAsync(CliSession session, string path, string what, CancellationToken cancellationToken)
    {
        var engine = session.Engine;
        var accumulator = new OutcomeAccumulator(engine);
        await foreach (var (number, line) in CliSession.ReadLinesAsync(path, what, cancellationToken))
        {
            var problems = Problems(session, engine, accumulator, line, out var countedAsSkipped);
            if (problems is not null)
            {
                if (!countedAsSkipped)
                {
                    accumulator.Skip();
                }

                await session.Stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{what} file '{path}', line {number}: skipped: {problems}"));
            }
        }

        return accumulator.ToReport();
    }

    /// <summary>Adds the line's case to the accumulator, or says why it cannot be counted.</summary>
    /// <param name="countedAsSkipped">Whether the accumulator itself refused the case (and so already counts it as skipped).</param>
    private static string? Problems(CliSession session, PlaybookEngine engine, OutcomeAccumulator accumulator, string line, out bool countedAsSkipped)
    {
        countedAsSkipped = false;
        var parsed = SecondChanceJson.ParseCase(line);
        if (!parsed.Succeeded)
        {
            return string.Join("; ", parsed.Errors.Select(e => e.ToString()));
        }

        var @case = parsed.Case!;
        var errors = engine.Validate(@case, session.TodayFor(@case));
        if (errors.Count > 0)
        {
            return string.Join("; ", errors.Select(e => e.ToString()));
        }

        if (accumulator.Add(@case))
        {
            return null;
        }

        countedAsSkipped = true;
        return "the case cannot be counted (its level is not known)";
    }
}
