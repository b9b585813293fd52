using NodaTime;
using SecondChance.Cases;
using SecondChance.Engine;
using SecondChance.Rules;
using SecondChance.Scheduling;
using SecondChance.Validation;

namespace SecondChance.Decisions;

/// <summary>
/// Turns a case into a <see cref="Decision"/>: the cheap checks, the fold, the compiled rules and the
/// due date, with the validator giving the messages when a check fails. <see cref="PlaybookEngine"/>
/// is the public face of it; the planner asks it directly for decisions on projected histories.
/// </summary>
internal sealed class Decider
{
    // One facts object per thread, refolded for each case: the compiled rules read it, no decision keeps it.
    [ThreadStatic]
    private static CaseFacts? t_facts;

    private readonly LevelTable<LevelProfile> _levels;
    private readonly ZoneTable _zones = new();
    private readonly PlaybookRule[] _rules;
    private readonly Func<CaseFacts, int> _firstMatch;
    private readonly RunnerUpCaseValidator _validator;

    public Decider(PlaybookRuleSet ruleSet, IReadOnlyDictionary<JobLevel, LevelProfile> levels, BusinessCalendar calendar)
    {
        RuleSet = ruleSet;
        Calendar = calendar;
        _levels = new LevelTable<LevelProfile>(levels.Select(kv => KeyValuePair.Create(kv.Key.Name, kv.Value)));
        _rules = ruleSet.RulesArray;
        _firstMatch = ruleSet.FirstMatch;
        _validator = new RunnerUpCaseValidator(levels.Keys);
    }

    public PlaybookRuleSet RuleSet { get; }

    public BusinessCalendar Calendar { get; }

    public DateTimeZone? Zone(string? id) => _zones.Find(id);

    public IReadOnlyList<CaseError> Validate(RunnerUpCase @case, LocalDate? today) => _validator.Check(@case, today);

    public CaseError? LevelError(string? name) => _validator.LevelError(name);

    public bool TryGetLevel(string name, out string configuredName, out LevelProfile profile) => _levels.TryGet(name, out configuredName, out profile);

    public Decision Decide(RunnerUpCase @case, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var events = @case.Events;
        if (events is null
            || !_levels.TryGet(@case.Level.Name, out var level, out var profile)
            || _zones.Find(@case.TimeZone) is null
            || !CaseLimits.TextLooksValid(@case))
        {
            return Invalid(@case, today);
        }

        var facts = t_facts ??= new CaseFacts();
        var todayKey = DateKey.Of(today);
        if (!CaseFold.Fold(ref facts.State, events, events.Count, level) || facts.State.LastEventKey > todayKey || !DateKey.IsInCaseRange(todayKey))
        {
            return Invalid(@case, today);
        }

        var decision = Match(@case, today, facts, level, profile);
        return decision.Case is null ? NoRule(@case, today) : decision;
    }

    /// <summary>
    /// Decides on already folded facts (also the planner's projected histories); <c>default</c> (no
    /// <see cref="Decision.Case"/>) when no rule matches.
    /// </summary>
    /// <remarks>
    /// Returned, not written through an <c>out</c> parameter: a struct with references written through a
    /// reference is copied with GC write barriers, which cost about a tenth of a decision.
    /// </remarks>
    public Decision Match(RunnerUpCase @case, LocalDate today, CaseFacts facts, string level, LevelProfile profile)
    {
        // A rule that throws for this case makes this one decision invalid; it never escapes to the caller.
        int index;
        try
        {
            index = _firstMatch(facts);
        }
        catch (Exception ex) when (RuleFaults.IsEvaluationFault(ex))
        {
            var (faulty, error) = RuleFaults.Blame(_rules, facts, ex);
            return new Decision(@case, today, [new CaseError("$", RuleFaults.Describe(faulty, error) + " while deciding this case; the rule set needs fixing")]);
        }

        if (index < 0)
        {
            return default;
        }

        var rule = _rules[index];

        // No try block around the due date: the case dates (1900 to 2999) and the policies' numbers (at most
        // 120 months, 365 days) keep it far inside NodaTime's calendar, and a second try block here cost about
        // a tenth of a decision (quick benchmark).
        var due = DueDates.Compute(rule.DueSpec, facts.State, profile.FollowUpAfterMonths, profile.WaitAfterFollowUpDays, Calendar);
        return new Decision(@case, today, rule, level, due);
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
}
