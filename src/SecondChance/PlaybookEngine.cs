using System.Collections.Frozen;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Engine;
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
public sealed class PlaybookEngine : ILevelProfileSource
{
    private readonly Decider _decider;
    private readonly PlaybookOptions _options;

    /// <summary>Creates an engine with the default options: the playbook's rules, levels and a Monday-to-Friday calendar.</summary>
    public PlaybookEngine()
        : this(new PlaybookOptions())
    {
    }

    /// <summary>Creates an engine from <paramref name="options"/>, taking a snapshot of them.</summary>
    /// <param name="options">The settings to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or its rule set is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A level has no name or no profile, or no day is a business day.</exception>
    public PlaybookEngine(PlaybookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.RuleSet, "options.RuleSet");
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(problems[0], nameof(options));
        }

        _options = options.Clone();
        Levels = _options.Levels.ToFrozenDictionary();
        Calendar = new BusinessCalendar(_options.BusinessDays, _options.Holidays);
        _decider = new Decider(_options.RuleSet, Levels, Calendar);
    }

    /// <summary>Gets the rules the engine decides with.</summary>
    public PlaybookRuleSet RuleSet => _decider.RuleSet;

    /// <summary>Gets the job levels the engine knows, with their profiles.</summary>
    public IReadOnlyDictionary<JobLevel, LevelProfile> Levels { get; }

    /// <summary>Gets the business calendar due dates are moved onto.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>
    /// Returns an engine with the same levels, business days and holidays as this one that decides with
    /// <paramref name="ruleSet"/>: for hosts that give a tenant rules of its own.
    /// </summary>
    /// <param name="ruleSet">The rules the new engine decides with.</param>
    /// <returns>A new engine; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is <see langword="null"/>.</exception>
    public PlaybookEngine WithRuleSet(PlaybookRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var options = _options.Clone();
        options.RuleSet = ruleSet;
        return new PlaybookEngine(options);
    }

    /// <summary>Returns today's date in the case's time zone, per <paramref name="clock"/>; UTC when the zone is unknown.</summary>
    /// <param name="case">The case whose time zone counts.</param>
    /// <param name="clock">The clock to read.</param>
    /// <returns>Today's date where the candidate lives.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public LocalDate Today(RunnerUpCase @case, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetCurrentInstant().InZone(_decider.Zone(@case.TimeZone) ?? DateTimeZone.Utc).Date;
    }

    /// <summary>Checks a case, returning every problem with its field path; empty when it is valid.</summary>
    /// <param name="case">The case to check.</param>
    /// <param name="today">Today's date in the case's time zone; later events are errors.</param>
    /// <returns>The problems found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<CaseError> Validate(RunnerUpCase @case, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return _decider.Validate(@case, today);
    }

    /// <summary>Checks a job level's name against the levels this engine knows, for hosts that ask field by field (see <see cref="CaseFields"/>).</summary>
    /// <param name="level">The level's name; letter case does not matter.</param>
    /// <returns>The error for <c>level</c>, or <see langword="null"/> when the engine knows the level.</returns>
    public CaseError? CheckLevel(string? level) => _decider.LevelError(level);

    /// <summary>
    /// Returns the date a case next comes due, which depends only on its history and not on today: for
    /// storing and indexing cases so a host can find the ones due on a day without deciding every case.
    /// </summary>
    /// <param name="case">The case.</param>
    /// <returns>The next action's due date; <see langword="null"/> when the action has none (the move is the employer's, or the case is closed) or the case is invalid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public LocalDate? NextDue(RunnerUpCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.Events is not { Count: > 0 } events || events[^1] is not { } last)
        {
            return null;
        }

        // Deciding as of the last event accepts every valid history; the due date is the same on any later day.
        return Decide(@case, last.On).DueOn;
    }

    /// <summary>Decides the next action for a case as of <paramref name="today"/>.</summary>
    /// <param name="case">The case to decide.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The decision; for invalid content, a decision whose <see cref="Decision.Errors"/> say why (never an exception).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public Decision Decide(RunnerUpCase @case, LocalDate today) => _decider.Decide(@case, today);

    /// <summary>Decides the next action for a case as of the clock's current date in the case's time zone.</summary>
    /// <param name="case">The case to decide.</param>
    /// <param name="clock">The clock that says what "now" is.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public Decision Decide(RunnerUpCase @case, IClock clock) => Decide(@case, Today(@case, clock));

    /// <summary>
    /// Decides many cases as of <paramref name="today"/>, in parallel, yielding the decisions in input
    /// order. Streams: it holds at most a few thousand cases at a time, whatever the input size.
    /// </summary>
    /// <param name="cases">The cases; enumerated once, on the calling thread.</param>
    /// <param name="today">Today's date, used for every case.</param>
    /// <param name="maxDegreeOfParallelism">How many cores to use; -1 (the default) uses all of them.</param>
    /// <param name="cancellationToken">Stops the sweep between chunks.</param>
    /// <returns>One decision per case, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The sequence holds a <see langword="null"/> case.</exception>
    public IEnumerable<Decision> DecideMany(IEnumerable<RunnerUpCase> cases, LocalDate today, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return ChunkedSweep<RunnerUpCase, Decision>.Run(cases, c => DecideOne(c, today), maxDegreeOfParallelism, cancellationToken);
    }

    /// <summary>
    /// Decides a stream of cases as of <paramref name="today"/>, in parallel, yielding the decisions in
    /// input order and holding at most a few thousand cases at a time.
    /// </summary>
    /// <param name="cases">The cases.</param>
    /// <param name="today">Today's date, used for every case.</param>
    /// <param name="maxDegreeOfParallelism">How many cores to use; -1 (the default) uses all of them.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <returns>One decision per case, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The sequence holds a <see langword="null"/> case.</exception>
    public IAsyncEnumerable<Decision> DecideManyAsync(IAsyncEnumerable<RunnerUpCase> cases, LocalDate today, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return ChunkedSweep<RunnerUpCase, Decision>.Run(cases, c => DecideOne(c, today), maxDegreeOfParallelism, cancellationToken);
    }

    /// <summary>Projects all ten playbook steps for a case as of <paramref name="today"/>.</summary>
    /// <param name="case">The case to plan.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The plan; for invalid content, a plan with errors and no steps.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public CasePlan Plan(RunnerUpCase @case, LocalDate today)
    {
        var decision = Decide(@case, today);
        if (!decision.IsValid || !_decider.TryGetLevel(@case.Level.Name, out var level, out var profile))
        {
            return new CasePlan(decision, Array.Empty<PlanStep>(), RuleSet);
        }

        try
        {
            var ruleSet = RuleSet;
            return new CasePlan(decision, Planner.Build(_decider, decision, level, profile), ruleSet, plannedRules: () => Planner.PlannedRules(_decider, decision, level, profile, ruleSet));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // A projection past the calendar's end; validation bounds dates, so only extreme policies get here.
            return new CasePlan(new Decision(@case, today, [new CaseError("$", $"the plan runs past the end of the calendar ({ex.GetType().Name})")]), Array.Empty<PlanStep>(), RuleSet);
        }
    }

    /// <summary>Projects all ten playbook steps for a case as of the clock's current date in the case's time zone.</summary>
    /// <param name="case">The case to plan.</param>
    /// <param name="clock">The clock that says what "now" is.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CasePlan Plan(RunnerUpCase @case, IClock clock) => Plan(@case, Today(@case, clock));

    private Decision DecideOne(RunnerUpCase @case, LocalDate today) =>
        _decider.Decide(@case ?? throw new InvalidOperationException("The sequence of cases holds a null case."), today);
}
