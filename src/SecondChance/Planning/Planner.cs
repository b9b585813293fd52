using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Rules;

namespace SecondChance.Planning;

/// <summary>
/// Builds the ten-step plan from the rules alone: it replays the history to see which rule each
/// event moved the case past (those steps are done), then projects forward by recording each
/// decided action's <see cref="PlaybookRule.CompletedBy"/> event on its due date.
/// </summary>
internal static class Planner
{
    private const int MaxProjection = 20;

    public static PlanStep[] Build(Decider decider, Decision decision, string level, LevelProfile profile)
    {
        var steps = new PlanStep?[PlaybookSteps.Count + 1];
        var @case = decision.Case;
        var events = @case.Events;

        // Replay: each time an event changes the deciding rule, the previous rule's steps are done.
        PlaybookRule? previous = null;
        for (var k = 1; k <= events.Count; k++)
        {
            var facts = CaseFacts.Fold(events, k, level, out _);
            var rule = decider.Match(@case, decision.Today, facts, level, profile).Rule;
            if (previous is not null && rule is not null && !ReferenceEquals(rule, previous))
            {
                // An opening seen is news, not something the candidate did: it completes no step.
                var completes = (rule.Action != PlaybookAction.None || events[k - 1] is Closed { Reason: CloseReason.Hired }) && events[k - 1] is not OpeningSeen;
                if (completes)
                {
                    Mark(steps, @case, previous, PlanStepStatus.Done, events[k - 1].On, null, null);
                }
            }

            previous = rule;
        }

        var current = decision.Rule!;
        if (current.Action == PlaybookAction.None)
        {
            return Finish(steps, PlanStepStatus.NotApplicable);
        }

        Mark(steps, @case, current, PlanStepStatus.Next, decision.DueOn, decision.WindowStart, decision.WindowEnd);

        foreach (var (nextRule, next) in Projection(decider, decision, new List<CaseEvent>(events), current, decision.DueOn, level, profile))
        {
            // A projected step cannot happen in the past: one whose policy date has gone by is projected for today.
            var projectedOn = next.DueOn is { } p && p < decision.Today ? decision.Today : next.DueOn;
            Mark(steps, @case, nextRule, PlanStepStatus.Projected, projectedOn, next.WindowStart, next.WindowEnd);
        }

        var nextStep = current.Step ?? PlaybookSteps.Count + 1;
        for (var s = 1; s <= PlaybookSteps.Count; s++)
        {
            steps[s] ??= Unmarked(s, s < nextStep ? PlanStepStatus.NotApplicable : PlanStepStatus.Conditional);
        }

        return Finish(steps, PlanStepStatus.Conditional);
    }

    /// <summary>
    /// The rules the plan showed as next or projected after each event of the history (see
    /// <see cref="CasePlan.PlannedRules"/>), by the same replay and projection as <see cref="Build"/>.
    /// Which rule matches reads the facts alone, never today, so the plan of each earlier point is
    /// rebuilt as of the plan's date.
    /// </summary>
    public static IReadOnlyList<string> PlannedRules(Decider decider, Decision decision, string level, LevelProfile profile, PlaybookRuleSet ruleSet)
    {
        var planned = new HashSet<PlaybookRule>(ReferenceEqualityComparer.Instance);
        var events = decision.Case.Events;
        for (var k = 1; k <= events.Count; k++)
        {
            var facts = CaseFacts.Fold(events, k, level, out _);
            if (decider.Match(decision.Case, decision.Today, facts, level, profile) is not { Rule: { } rule } next || rule.Action == PlaybookAction.None)
            {
                continue;
            }

            planned.Add(rule);
            var simulated = new List<CaseEvent>(k + 4);
            for (var i = 0; i < k; i++)
            {
                simulated.Add(events[i]);
            }

            foreach (var (projected, _) in Projection(decider, decision, simulated, rule, next.DueOn, level, profile))
            {
                planned.Add(projected);
            }
        }

        return ruleSet.Rules.Where(planned.Contains).Select(r => r.Name).ToArray();
    }

    // Projection: assume each action is done when due (or today, if already late) and ask the rules
    // again, until a rule has nothing to complete it, repeats itself or closes the case.
    private static IEnumerable<(PlaybookRule Rule, Decision Next)> Projection(Decider decider, Decision decision, List<CaseEvent> simulated, PlaybookRule start, LocalDate? due, string level, LevelProfile profile)
    {
        var rule = start;
        for (var i = 0; i < MaxProjection && rule.CompletedBy is { } completedBy; i++)
        {
            var on = due is { } d && d > decision.Today ? d : decision.Today;
            simulated.Add(Synthesize(completedBy, on));
            var facts = CaseFacts.Fold(simulated, simulated.Count, level, out _);
            if (decider.Match(decision.Case, decision.Today, facts, level, profile) is not { Rule: { } nextRule } next
                || ReferenceEquals(nextRule, rule) || nextRule.Action == PlaybookAction.None)
            {
                yield break;
            }

            yield return (nextRule, next);
            rule = nextRule;
            due = next.DueOn;
        }
    }

    private static void Mark(PlanStep?[] steps, RunnerUpCase @case, PlaybookRule rule, PlanStepStatus status, LocalDate? on, LocalDate? start, LocalDate? end)
    {
        foreach (var s in rule.CoversArray)
        {
            if (steps[s] is null || status is PlanStepStatus.Done or PlanStepStatus.Next)
            {
                steps[s] = new PlanStep(s, PlaybookSteps.Title(s, rule.Action), status, on, start, end, rule.Name, rule.Action, rule.GuidanceFor(@case));
            }
        }
    }

    private static PlanStep Unmarked(int step, PlanStepStatus status) =>
        new(step, PlaybookSteps.Title(step), status, null, null, null, null, PlaybookAction.None, PlaybookSteps.Title(step) + ".");

    private static PlanStep[] Finish(PlanStep?[] steps, PlanStepStatus rest)
    {
        var result = new PlanStep[PlaybookSteps.Count];
        for (var s = 1; s <= PlaybookSteps.Count; s++)
        {
            result[s - 1] = steps[s] ?? Unmarked(s, rest);
        }

        return result;
    }

    private static CaseEvent Synthesize(CaseEventType type, LocalDate on) => type switch
    {
        CaseEventType.FeedbackRecorded => new FeedbackRecorded(on),
        CaseEventType.InterestReaffirmed => new InterestReaffirmed(on),
        CaseEventType.NoteSent => new NoteSent(on, NoteChannel.Email),
        CaseEventType.FollowUpMade => new FollowUpMade(on, FollowUpOutcome.NoChange),
        CaseEventType.Approached => new Approached(on),
        CaseEventType.OfferReceived => new OfferReceived(on),
        CaseEventType.Closed => new Closed(on, CloseReason.Hired),
        _ => new Approached(on),
    };
}
