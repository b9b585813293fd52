using NodaTime;
using RulesEngine.Models;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Rules;
using SecondChance.Scheduling;

namespace SecondChance.Benchmarks;

/// <summary>
/// The straightforward way to run the same workflow JSON: RulesEngine's <c>ExecuteAllRulesAsync</c>
/// per case, the first successful rule in workflow order decides, then the due date is computed from
/// that rule's policy. This is the cost the library exists to avoid.
/// </summary>
internal sealed class NaiveRulesEngine
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly string _workflowName;
    private readonly Dictionary<string, PlaybookRule> _rules;
    private readonly IReadOnlyDictionary<JobLevel, LevelProfile> _levels;
    private readonly BusinessCalendar _calendar;

    public NaiveRulesEngine(PlaybookEngine engine)
    {
        _engine = new RulesEngine.RulesEngine([engine.RuleSet.ToWorkflow()]);
        _workflowName = engine.RuleSet.WorkflowName;
        _rules = engine.RuleSet.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _levels = engine.Levels;
        _calendar = engine.Calendar;
    }

    /// <summary>Decides a (valid) case; <see langword="null"/> when no rule matches.</summary>
    public async Task<NextAction?> DecideAsync(RunnerUpCase c, LocalDate today)
    {
        var results = await _engine.ExecuteAllRulesAsync(_workflowName, new RuleParameter("facts", CaseFacts.FromCase(c)));
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                var rule = _rules[result.Rule.RuleName];
                var (due, start, end) = PolicyDates.Compute(rule.Due, c, _levels[c.Level], _calendar);
                return new NextAction(rule.Step, rule.Action, rule.Covers, due, start, end, due is { } d && today > d, rule.Name, rule.GuidanceFor(c));
            }
        }

        return null;
    }

    /// <summary>Decides a case synchronously (RulesEngine completes without yielding for lambda rules).</summary>
    public NextAction? Decide(RunnerUpCase c, LocalDate today) => DecideAsync(c, today).GetAwaiter().GetResult();
}

/// <summary>A rule's due date and window from its public policy and the case's events, independently of the library's internals.</summary>
internal static class PolicyDates
{
    public static (LocalDate? Due, LocalDate? Start, LocalDate? End) Compute(DuePolicy policy, RunnerUpCase c, LevelProfile profile, BusinessCalendar calendar)
    {
        if (policy.Kind == DuePolicyKind.None || policy.Anchor is not { } anchorType)
        {
            return (null, null, null);
        }

        LocalDate? latest = null;
        LocalDate? respondBy = null;
        LocalDate notified = default;
        foreach (var e in c.Events)
        {
            if (e.Type == anchorType)
            {
                latest = e.On;
            }

            if (e is Notified)
            {
                notified = e.On;
            }

            if (e is OfferReceived o)
            {
                respondBy = o.RespondBy;
            }
        }

        var anchor = latest ?? notified;
        return policy.Kind switch
        {
            DuePolicyKind.OnEventDate => (anchor, null, null),
            DuePolicyKind.BusinessDaysAfter => (calendar.AddBusinessDays(anchor, policy.Days), null, null),
            DuePolicyKind.RespondByOrBusinessDaysAfter => (respondBy ?? calendar.AddBusinessDays(anchor, policy.Days), null, null),
            DuePolicyKind.LevelMonthsAfter => Window(calendar.OnOrAfter(anchor.PlusMonths(profile.FollowUpAfterMonths)), policy.WindowDays),
            DuePolicyKind.MonthsAfter => Window(calendar.OnOrAfter(anchor.PlusMonths(policy.Months)), policy.WindowDays),
            DuePolicyKind.LevelWaitAfter => (anchor.PlusDays(profile.WaitAfterFollowUpDays), anchor, anchor.PlusDays(profile.WaitAfterFollowUpDays)),
            DuePolicyKind.DaysAfter => (anchor.PlusDays(policy.Days), anchor, anchor.PlusDays(policy.Days)),
            _ => (null, null, null),
        };
    }

    private static (LocalDate?, LocalDate?, LocalDate?) Window(LocalDate due, int windowDays) =>
        windowDays > 0 ? (due, due.PlusDays(-windowDays), due.PlusDays(windowDays)) : (due, null, null);
}
