using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Planning;
using SecondChance.Rules;
using SecondChance.Scheduling;
using SecondChance.Validation;

namespace SecondChance;

/// <summary>
/// Decides a runner-up case's next action and due date, and projects its ten-step plan, from a
/// compiled <see cref="PlaybookRuleSet"/>, level profiles and a business calendar. Build one per
/// configuration and share it: it is immutable and thread-safe, and a decision is one pass over the
/// events and one compiled delegate call, with no JSON, dictionary or async work and, for a valid
/// case, no allocation.
/// </summary>
public sealed class PlaybookEngine
{
    private const int BatchChunkSize = 4096;
    private const int LevelSlotBits = 4;
    private const int ZoneSlotBits = 8;

    [ThreadStatic]
    private static CaseFacts? t_facts;

    private readonly FrozenDictionary<string, (string Name, LevelProfile Profile)> _levels;
    private readonly ConcurrentDictionary<string, ZoneSlot> _zones = new(StringComparer.Ordinal);
    private readonly PlaybookRule[] _rules;
    private readonly Func<CaseFacts, int> _firstMatch;

    // Fast paths in front of the dictionaries: small tables indexed by a cheap hash of the name (its
    // length, middle and last character), holding the name as configured or as last seen. A hit costs
    // one comparison, usually of references, where the dictionaries would hash the whole string.
    private readonly LevelSlot?[] _levelSlots = new LevelSlot?[1 << LevelSlotBits];
    private readonly ZoneSlot?[] _zoneSlots = new ZoneSlot?[1 << ZoneSlotBits];

    /// <summary>Creates an engine with the default options: the playbook's rules, levels and a Monday-to-Friday calendar.</summary>
    public PlaybookEngine()
        : this(new PlaybookOptions())
    {
    }

    /// <summary>Creates an engine from <paramref name="options"/>, taking a snapshot of them.</summary>
    /// <param name="options">The settings to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its rule set is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A level profile is out of range, or no day is a business day.</exception>
    public PlaybookEngine(PlaybookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.RuleSet, "options.RuleSet");
        foreach (var (level, profile) in options.Levels)
        {
            CheckProfile(level, profile);
        }

        _levels = options.Levels.ToFrozenDictionary(kv => kv.Key.Name, kv => (kv.Key.Name, kv.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, profile) in _levels.Values)
        {
            _levelSlots[Slot(name, LevelSlotBits)] ??= new LevelSlot(name, profile);
        }

        Levels = options.Levels.ToFrozenDictionary();
        Calendar = new BusinessCalendar(options.BusinessDays, options.Holidays);
        RuleSet = options.RuleSet;
        _rules = RuleSet.RulesArray;
        _firstMatch = RuleSet.FirstMatch;
        Validator = new RunnerUpCaseValidator(options.Levels.Keys);
    }

    /// <summary>Gets the rules the engine decides with.</summary>
    public PlaybookRuleSet RuleSet { get; }

    /// <summary>Gets the job levels the engine knows, with their profiles.</summary>
    public IReadOnlyDictionary<JobLevel, LevelProfile> Levels { get; }

    /// <summary>Gets the business calendar due dates are moved onto.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>Gets the validator that checks cases against this engine's levels.</summary>
    public RunnerUpCaseValidator Validator { get; }

    /// <summary>Returns today's date in the case's time zone, per <paramref name="clock"/>; UTC when the zone is unknown.</summary>
    /// <param name="case">The case whose time zone counts.</param>
    /// <param name="clock">The clock to read.</param>
    /// <returns>Today's date where the candidate lives.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public LocalDate Today(RunnerUpCase @case, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetCurrentInstant().InZone(ZoneOrNull(@case.TimeZone) ?? DateTimeZone.Utc).Date;
    }

    /// <summary>Checks a case, returning every problem with its field path; empty when it is valid.</summary>
    /// <param name="case">The case to check.</param>
    /// <param name="today">Today's date in the case's time zone; later events are errors.</param>
    /// <returns>The problems found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<CaseError> Validate(RunnerUpCase @case, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var result = Validator.Validate(@case, today);
        return result.IsValid
            ? Array.Empty<CaseError>()
            : result.Errors.Select(e => new CaseError(e.PropertyName, e.ErrorMessage)).ToArray();
    }

    /// <summary>Decides the next action for a case as of <paramref name="today"/>.</summary>
    /// <param name="case">The case to decide.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The decision; for invalid content, a decision whose <see cref="Decision.Errors"/> say why (never an exception).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public Decision Decide(RunnerUpCase @case, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var events = @case.Events;
        if (events is null
            || !TryGetLevel(@case.Level.Name, out var level)
            || ZoneOrNull(@case.TimeZone) is null
            || !CaseLimits.TextLooksValid(@case))
        {
            return Invalid(@case, today);
        }

        // One facts instance per thread, refolded for each case: the rules read it, the decision does not keep it.
        var facts = t_facts ??= new CaseFacts();
        var todayKey = DateKey.Of(today);
        if (!facts.Refold(events, level.Name) || facts.LastEventKey > todayKey || !CaseLimits.IsKeyInRange(todayKey))
        {
            return Invalid(@case, today);
        }

        return TryMatch(@case, today, facts, keep: false, level, out var decision) ? decision : NoRule(@case, today);
    }

    /// <summary>Decides the next action for a case as of the clock's current date in the case's time zone.</summary>
    /// <param name="case">The case to decide.</param>
    /// <param name="clock">The clock that says what "now" is.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Decision Decide(RunnerUpCase @case, IClock clock) => Decide(@case, Today(@case, clock));

    /// <summary>
    /// Decides many cases as of <paramref name="today"/>, in parallel across cores, yielding the decisions
    /// in input order. Streams: it holds at most a few thousand cases at a time, whatever the input size.
    /// </summary>
    /// <param name="cases">The cases; enumerated once, on the calling thread.</param>
    /// <param name="today">Today's date, used for every case.</param>
    /// <param name="maxDegreeOfParallelism">How many cores to use; the default uses all of them.</param>
    /// <returns>One decision per case, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is <see langword="null"/>.</exception>
    public IEnumerable<Decision> DecideMany(IEnumerable<RunnerUpCase> cases, LocalDate today, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return DecideManyIterator(cases, today, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Decides a stream of cases as of <paramref name="today"/>, in parallel across cores, yielding the
    /// decisions in input order and holding at most a few thousand cases at a time.
    /// </summary>
    /// <param name="cases">The cases.</param>
    /// <param name="today">Today's date, used for every case.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <returns>One decision per case, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is <see langword="null"/>.</exception>
    public IAsyncEnumerable<Decision> DecideManyAsync(IAsyncEnumerable<RunnerUpCase> cases, LocalDate today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return DecideManyAsyncIterator(cases, today, cancellationToken);
    }

    /// <summary>Projects all ten playbook steps for a case as of <paramref name="today"/>.</summary>
    /// <param name="case">The case to plan.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The plan; for invalid content, a plan with errors and no steps.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public CasePlan Plan(RunnerUpCase @case, LocalDate today)
    {
        var decision = Decide(@case, today);
        if (!decision.IsValid)
        {
            return new CasePlan(decision, Array.Empty<PlanStep>());
        }

        _ = TryGetLevel(@case.Level.Name, out var level);
        try
        {
            return new CasePlan(decision, Planner.Build(this, decision, level));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // A projection past the calendar's end; validation bounds dates, so only extreme policies get here.
            return new CasePlan(new Decision(@case, today, [new CaseError("$", $"the plan runs past the end of the calendar ({ex.GetType().Name})")]), Array.Empty<PlanStep>());
        }
    }

    /// <summary>Projects all ten playbook steps for a case as of the clock's current date in the case's time zone.</summary>
    /// <param name="case">The case to plan.</param>
    /// <param name="clock">The clock that says what "now" is.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CasePlan Plan(RunnerUpCase @case, IClock clock) => Plan(@case, Today(@case, clock));

    internal Decision? DecideFacts(RunnerUpCase @case, LocalDate today, CaseFacts facts, LevelProfile profile) =>
        TryMatch(@case, today, facts, keep: true, (facts.Level, profile), out var decision) ? decision : null;

    private bool TryMatch(RunnerUpCase @case, LocalDate today, CaseFacts facts, bool keep, (string Name, LevelProfile Profile) level, out Decision decision)
    {
        // A rule that throws for this case, or a due date past the calendar's end, makes this one
        // decision invalid; it never escapes to the caller (a try block costs nothing until it catches).
        int index;
        try
        {
            index = _firstMatch(facts);
        }
        catch (Exception ex) when (RuleFaults.IsEvaluationFault(ex))
        {
            var (faulty, error) = RuleFaults.Blame(_rules, facts, ex);
            decision = new Decision(@case, today, [new CaseError("$", RuleFaults.Describe(faulty, error) + " while deciding this case; the rule set needs fixing")]);
            return true;
        }

        if (index < 0)
        {
            decision = default;
            return false;
        }

        var rule = _rules[index];
        DueWindow due;
        try
        {
            due = DueDates.Compute(rule.Due, facts, level.Profile, Calendar);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            decision = new Decision(@case, today, [new CaseError("$", $"rule '{rule.Name}' gives a due date outside the calendar ({ex.GetType().Name})")]);
            return true;
        }

        decision = new Decision(@case, today, rule, keep ? facts : null, level.Name, due);
        return true;
    }

    private Decision Invalid(RunnerUpCase @case, LocalDate today)
    {
        var errors = Validate(@case, today);
        if (errors.Count == 0)
        {
            // The fast check and the validator disagree only on a bug; report it rather than guess.
            errors = [new CaseError("$", "the case could not be decided")];
        }

        return new Decision(@case, today, errors);
    }

    private Decision NoRule(RunnerUpCase @case, LocalDate today) =>
        new(@case, today, [new CaseError("$", $"no rule of workflow '{RuleSet.WorkflowName}' matches this case")]);

    private bool TryGetLevel(string name, out (string Name, LevelProfile Profile) level)
    {
        if (name.Length != 0
            && _levelSlots[Slot(name, LevelSlotBits)] is { } slot
            && (ReferenceEquals(slot.Name, name) || string.Equals(slot.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            level = (slot.Name, slot.Profile);
            return true;
        }

        return _levels.TryGetValue(name, out level);
    }

    private DateTimeZone? ZoneOrNull(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var index = Slot(id, ZoneSlotBits);
        if (_zoneSlots[index] is { } slot && (ReferenceEquals(slot.Id, id) || string.Equals(slot.Id, id, StringComparison.Ordinal)))
        {
            return slot.Zone;
        }

        if (!_zones.TryGetValue(id, out var found))
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not { } zone)
            {
                return null;
            }

            found = _zones.GetOrAdd(id, new ZoneSlot(id, zone));
        }

        // Last seen wins the slot. Slots hold immutable objects, so a racing reader sees a whole entry or the old one.
        _zoneSlots[index] = found;
        return found.Zone;
    }

    // Length, middle and last character, mixed by a multiplicative hash so that ids of one shape
    // (Area/City) spread over the slots; case-insensitive for ASCII letters, as the level dictionary is.
    private static int Slot(string name, int bits)
    {
        var key = (uint)name.Length | ((uint)(name[name.Length / 2] | 0x20) << 8) | ((uint)(name[^1] | 0x20) << 16);
        return (int)((key * 0x9E3779B1u) >> (32 - bits));
    }

    private IEnumerable<Decision> DecideManyIterator(IEnumerable<RunnerUpCase> cases, LocalDate today, int maxDegreeOfParallelism)
    {
        var buffer = new RunnerUpCase[BatchChunkSize];
        var results = new Decision[BatchChunkSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        using var e = cases.GetEnumerator();
        while (true)
        {
            var n = 0;
            while (n < buffer.Length && e.MoveNext())
            {
                buffer[n++] = e.Current;
            }

            if (n == 0)
            {
                yield break;
            }

            DecideChunk(buffer, results, n, today, parallel);
            for (var i = 0; i < n; i++)
            {
                yield return results[i];
            }

            Array.Clear(buffer, 0, n);
            Array.Clear(results, 0, n);
        }
    }

    private async IAsyncEnumerable<Decision> DecideManyAsyncIterator(IAsyncEnumerable<RunnerUpCase> cases, LocalDate today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new RunnerUpCase[BatchChunkSize];
        var results = new Decision[BatchChunkSize];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var e = cases.GetAsyncEnumerator(cancellationToken);
        await using (e.ConfigureAwait(false))
        {
            while (true)
            {
                var n = 0;
                while (n < buffer.Length && await e.MoveNextAsync().ConfigureAwait(false))
                {
                    buffer[n++] = e.Current;
                }

                if (n == 0)
                {
                    yield break;
                }

                DecideChunk(buffer, results, n, today, parallel);
                for (var i = 0; i < n; i++)
                {
                    yield return results[i];
                }

                Array.Clear(buffer, 0, n);
                Array.Clear(results, 0, n);
            }
        }
    }

    private void DecideChunk(RunnerUpCase[] buffer, Decision[] results, int count, LocalDate today, ParallelOptions parallel)
    {
        // Ranges, not single items, so each worker runs a tight loop instead of a delegate call per case.
        var workers = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var rangeSize = Math.Max(64, (count + workers - 1) / workers);
        Parallel.For(0, (count + rangeSize - 1) / rangeSize, parallel, r =>
        {
            var end = Math.Min(count, (r + 1) * rangeSize);
            for (var i = r * rangeSize; i < end; i++)
            {
                results[i] = Decide(buffer[i] ?? throw new InvalidOperationException("The sequence of cases holds a null case."), today);
            }
        });
    }

    private static void CheckProfile(JobLevel level, LevelProfile profile, string paramName = "options")
    {
        if (level.IsEmpty)
        {
            throw new ArgumentException("A configured job level has no name.", paramName);
        }

        if (profile is null)
        {
            throw new ArgumentException($"Level '{level}' has no profile.", paramName);
        }

        if (profile.FollowUpAfterMonths is < 1 or > 60)
        {
            throw new ArgumentException($"Level '{level}': FollowUpAfterMonths must be from 1 to 60 (was {profile.FollowUpAfterMonths}).", paramName);
        }

        if (profile.WaitAfterFollowUpDays is < 0 or > 365)
        {
            throw new ArgumentException($"Level '{level}': WaitAfterFollowUpDays must be from 0 to 365 (was {profile.WaitAfterFollowUpDays}).", paramName);
        }

        if (double.IsNaN(profile.PriorOdds) || profile.PriorOdds is < 0 or > 1)
        {
            throw new ArgumentException($"Level '{level}': PriorOdds must be from 0 to 1 (was {profile.PriorOdds}).", paramName);
        }
    }

    private sealed record LevelSlot(string Name, LevelProfile Profile);

    private sealed record ZoneSlot(string Id, DateTimeZone Zone);
}
