using System.Text.RegularExpressions;
using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Rules;

/// <summary>
/// Semantic checks on a compiled rule set, run against a generated space of case stages and job
/// levels: every stage must get a decision whose due date can be computed, and a rule that never
/// decides anything is worth a warning.
/// </summary>
internal static partial class RuleSetAnalyzer
{
    /// <summary>Whether <paramref name="problems"/> holds a stage that no rule decides.</summary>
    public static bool HasUndecidedStage(IEnumerable<RuleSetProblem> problems) =>
        problems.Any(p => p.Rule is null && p.Where == "Rules" && p.Message.StartsWith("no rule decides", StringComparison.Ordinal));

    public static void Analyze(PlaybookRule[] rules, Func<CaseFacts, int> firstMatch, List<RuleSetProblem> problems)
    {
        var fired = new bool[rules.Length];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var undecided = new List<string>();
        foreach (var level in Levels(rules))
        {
            foreach (var (stage, events) in StageSpace.Generate())
            {
                var facts = CaseFacts.Fold(events, events.Length, level, out _);
                var index = firstMatch(facts);
                if (index < 0)
                {
                    if (reported.Add("none:" + stage))
                    {
                        undecided.Add($"'{stage}' (level {level})");
                    }

                    continue;
                }

                fired[index] = true;
                var rule = rules[index];
                if (rule.Due.Anchor is { } anchor && !facts.State.Has(anchor) && reported.Add("anchor:" + rule.Name))
                {
                    problems.Add(new RuleSetProblem(rule.Name, "Properties.due.anchor", $"the rule decides stage '{stage}', which has no {anchor} event to count the due date from"));
                }
            }
        }

        // A file written as an extension misses dozens of stages: say how many and show a few, not every one.
        if (undecided.Count is > 0 and <= 3)
        {
            problems.AddRange(undecided.Select(u => new RuleSetProblem(null, "Rules", $"no rule decides a case at stage {u}; add a rule that matches it")));
        }
        else if (undecided.Count > 3)
        {
            problems.Add(new RuleSetProblem(null, "Rules", $"no rule decides a case at {undecided.Count} stages, the first three being {string.Join(", ", undecided.Take(3))}; add rules that match them"));
        }

        for (var i = 0; i < rules.Length; i++)
        {
            if (!fired[i])
            {
                problems.Add(new RuleSetProblem(rules[i].Name, "Expression", "never decides any generated case stage: earlier rules always match first, or it cannot be true", IsWarning: true));
            }
        }
    }

    private static HashSet<string> Levels(PlaybookRule[] rules)
    {
        var levels = new HashSet<string>(StringComparer.Ordinal)
        {
            JobLevel.IndividualContributor.Name, JobLevel.MiddleManagement.Name, JobLevel.SeniorExecutive.Name,
        };

        // Levels a custom rule set names in its expressions (e.g. facts.Level == "Contractor") get checked too.
        foreach (var rule in rules)
        {
            foreach (Match m in QuotedText().Matches(rule.Expression))
            {
                levels.Add(m.Groups[1].Value);
            }
        }

        return levels;
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9_]{0,63})\"")]
    private static partial Regex QuotedText();
}

/// <summary>Generates histories covering every stage a valid case can be in.</summary>
internal static class StageSpace
{
    public static IEnumerable<(string Stage, CaseEvent[] Events)> Generate()
    {
        var d = new LocalDate(2026, 3, 6);
        CaseEvent[] path =
        [
            new Notified(d),
            new FeedbackRecorded(d, ["a gap"]),
            new InterestReaffirmed(d),
            new NoteSent(d, NoteChannel.Email),
        ];

        var prefixes = new List<CaseEvent[]>();
        for (var n = 1; n <= path.Length; n++)
        {
            prefixes.Add(path[..n]);
        }

        prefixes.Add([path[0], path[3]]);
        prefixes.Add([path[0], path[1], path[3]]);
        foreach (var channel in Enum.GetValues<NoteChannel>())
        {
            prefixes.Add([.. path[..3], new NoteSent(d, channel)]);
        }

        var later = d.PlusMonths(5);
        foreach (var outcome in Enum.GetValues<FollowUpOutcome>())
        {
            CaseEvent[] followed = [.. path, new FollowUpMade(later, outcome)];
            prefixes.Add(followed);
            prefixes.Add([.. followed, new FollowUpMade(later.PlusMonths(6), outcome)]);
            prefixes.Add([.. followed, new Approached(later.PlusDays(10))]);
            prefixes.Add([.. followed, new Approached(later.PlusDays(10)), new OfferReceived(later.PlusDays(20))]);
            prefixes.Add([.. followed, new Approached(later.PlusDays(10)), new OfferReceived(later.PlusDays(20), later.PlusDays(30))]);
        }

        // An opening seen at every stage it can arrive in, before and after a follow-up, an approach or an offer.
        foreach (var match in Enum.GetValues<OpeningMatch>())
        {
            var seen = new OpeningSeen(later, "Engineering Manager", match);
            CaseEvent[] followedUp = [.. path, new FollowUpMade(later, FollowUpOutcome.NoChange)];
            prefixes.Add([path[0], seen]);
            prefixes.Add([.. path, seen]);
            prefixes.Add([.. followedUp, seen]);
            prefixes.Add([.. path, seen, new FollowUpMade(later, FollowUpOutcome.RoleReopened)]);
            prefixes.Add([.. followedUp, new Approached(later), seen]);
            prefixes.Add([.. followedUp, new OfferReceived(later), seen]);
        }

        prefixes.Add([path[0], new Approached(d.PlusDays(3))]);
        prefixes.Add([path[0], new OfferReceived(d.PlusDays(3))]);
        prefixes.Add([.. path, new OfferReceived(d.PlusDays(3))]);

        foreach (var prefix in prefixes)
        {
            yield return (Describe(prefix), prefix);
            foreach (var reason in Enum.GetValues<CloseReason>())
            {
                CaseEvent[] closed = [.. prefix, new Closed(prefix[^1].On.PlusDays(1), reason)];
                yield return (Describe(closed), closed);
            }
        }
    }

    private static string Describe(CaseEvent[] events) => string.Join(" > ", events.Select(e => e switch
    {
        FollowUpMade f => $"FollowUpMade({f.Outcome})",
        OpeningSeen o => $"OpeningSeen({o.Match})",
        Closed c => $"Closed({c.Reason})",
        OfferReceived { RespondBy: not null } => "OfferReceived(respondBy)",
        _ => e.Type.ToString(),
    }));
}
