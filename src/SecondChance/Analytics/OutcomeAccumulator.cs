using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Analytics;

/// <summary>
/// Builds an <see cref="OutcomeReport"/> one case at a time, so a host can stream cases (for example
/// NDJSON lines or database rows) without holding them: it keeps only counters and two day histograms
/// per job level, whatever the number of cases. Not thread-safe: use one per thread, or lock around it.
/// </summary>
/// <remarks>
/// Medians of day spans come from histograms with one bucket per day from 0 to
/// <see cref="MaxTrackedDays"/>; longer spans share the last bucket. Each histogram takes about 29 KB,
/// and medians are exact as long as they fall below the cap.
/// </remarks>
public sealed class OutcomeAccumulator
{
    /// <summary>
    /// The longest span, in days, that the medians tell apart (about ten years); spans at least this long
    /// count as this many days.
    /// </summary>
    public const int MaxTrackedDays = 3650;

    private const int StageCount = (int)OutcomeStage.Hired + 1;

    private readonly Dictionary<JobLevel, LevelTally> _tallies;
    private readonly double _weight;

    /// <summary>Creates an empty accumulator for the job levels of <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine (or any other <see cref="ILevelProfileSource"/>) whose levels (and their prior odds) the report covers.</param>
    /// <param name="options">How to calibrate the odds; the defaults when <see langword="null"/>. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public OutcomeAccumulator(ILevelProfileSource engine, OddsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _weight = (options ?? new OddsOptions()).ValidatedWeight();
        _tallies = new Dictionary<JobLevel, LevelTally>(engine.Levels.Count);
        foreach (var (level, profile) in engine.Levels)
        {
            _tallies[level] = new LevelTally(level, profile.PriorOdds);
        }
    }

    /// <summary>Gets how many cases have been counted so far.</summary>
    public long Cases { get; private set; }

    /// <summary>Gets how many cases have been left out so far (unknown level, or a history that does not start with <see cref="Notified"/>).</summary>
    public long Skipped { get; private set; }

    /// <summary>
    /// Counts cases the host could not read or that failed validation as skipped, so the report's
    /// <see cref="OutcomeReport.Skipped"/> covers every case left out, whoever left it out.
    /// </summary>
    /// <param name="count">How many cases were left out.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void Skip(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Skipped += count;
    }

    /// <summary>
    /// Counts one case: the furthest stage it reached, whether it closed and how, and the days from the
    /// call to the first approach and to the hire. The case is not kept.
    /// </summary>
    /// <param name="case">The case to count. It is not validated beyond its level and its first event; pass valid cases.</param>
    /// <returns><see langword="true"/> when the case was counted; <see langword="false"/> when it was skipped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public bool Add(RunnerUpCase @case) => Count(@case, +1);

    /// <summary>
    /// Takes back what <see cref="Add"/> counted for this case, so a host can keep one accumulator up to
    /// date as cases change: remove the case as it was, then add it as it is now. Pass the case exactly
    /// as it was added (the same level and history); a case that was skipped is taken off the skipped count.
    /// </summary>
    /// <param name="case">The case as it was when it was added.</param>
    /// <returns><see langword="true"/> when the case had been counted; <see langword="false"/> when it had been skipped.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public bool Remove(RunnerUpCase @case) => Count(@case, -1);

    private bool Count(RunnerUpCase @case, int sign)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var events = @case.Events;
        if (events is null || events.Count == 0 || events[0] is not Notified notified
            || @case.Level.IsEmpty || !_tallies.TryGetValue(@case.Level, out var tally))
        {
            Skipped += sign;
            return false;
        }

        var furthest = -1;
        LocalDate? approachedOn = null;
        LocalDate? hiredOn = null;
        CloseReason? closed = null;
        // On the event's type, not its class: every write to a case counts its whole history twice (out, then in).
        for (var i = 1; i < events.Count && closed is null; i++)
        {
            var e = events[i];
            switch (e.Type)
            {
                case CaseEventType.NoteSent:
                    furthest = Math.Max(furthest, (int)OutcomeStage.NoteSent);
                    break;
                case CaseEventType.FollowUpMade:
                    furthest = Math.Max(furthest, (int)OutcomeStage.FollowUpMade);
                    break;
                case CaseEventType.Approached:
                    furthest = Math.Max(furthest, (int)OutcomeStage.Approached);
                    approachedOn ??= e.On;
                    break;
                case CaseEventType.OfferReceived:
                    furthest = Math.Max(furthest, (int)OutcomeStage.Offered);
                    break;
                case CaseEventType.Closed:
                    closed = ((Closed)e).Reason;
                    if (closed == CloseReason.Hired)
                    {
                        furthest = (int)OutcomeStage.Hired;
                        hiredOn = e.On;
                    }

                    break;
            }
        }

        tally.Cases += sign;
        for (var stage = 0; stage <= furthest; stage++)
        {
            tally.Reached[stage] += sign;
        }

        if (closed == CloseReason.Hired)
        {
            tally.Successes += sign;
        }
        else if (closed is not null)
        {
            tally.Failures += sign;
        }

        if (approachedOn.HasValue)
        {
            tally.DaysToApproach.Add(Period.DaysBetween(notified.On, approachedOn.Value), sign);
        }

        if (hiredOn.HasValue)
        {
            tally.DaysToHire.Add(Period.DaysBetween(notified.On, hiredOn.Value), sign);
        }

        Cases += sign;
        return true;
    }

    /// <summary>Returns the statistics of the cases counted so far. The accumulator can go on counting afterwards.</summary>
    /// <returns>The report, with every level of the engine, ordered by name.</returns>
    public OutcomeReport ToReport()
    {
        var levels = _tallies.Values
            .OrderBy(t => t.Level.Name, StringComparer.OrdinalIgnoreCase)
            .Select(ToOutcomes)
            .ToArray();
        return new OutcomeReport(levels, Cases, Skipped);
    }

    private LevelOutcomes ToOutcomes(LevelTally tally)
    {
        var stages = new StageRate[StageCount];
        var previous = tally.Cases;
        for (var i = 0; i < StageCount; i++)
        {
            var reached = tally.Reached[i];
            stages[i] = new StageRate(
                (OutcomeStage)i,
                reached,
                previous,
                previous > 0 ? (double)reached / previous : null,
                Wilson.Interval(reached, previous),
                tally.Cases > 0 ? (double)reached / tally.Cases : null,
                Wilson.Interval(reached, tally.Cases));
            previous = reached;
        }

        return new LevelOutcomes(
            tally.Level,
            tally.Cases,
            stages,
            tally.DaysToApproach.Median(),
            tally.DaysToHire.Median(),
            OddsCalibrator.Calibrate(tally.Prior, _weight, tally.Successes, tally.Failures));
    }

    private sealed class LevelTally(JobLevel level, double prior)
    {
        public JobLevel Level { get; } = level;

        public double Prior { get; } = prior;

        public long[] Reached { get; } = new long[StageCount];

        public DayHistogram DaysToApproach { get; } = new();

        public DayHistogram DaysToHire { get; } = new();

        public long Cases { get; set; }

        public long Successes { get; set; }

        public long Failures { get; set; }
    }
}
