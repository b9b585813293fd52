using System.Text.RegularExpressions;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Rules;

/// <summary>
/// Semantic checks on a compiled rule set, run against a generated space of case stages and job
/// levels: every stage must get a decision whose due date can be computed, no rule may throw, and a
/// rule that never decides anything is worth a warning. The space holds every stage a valid case can
/// be in and the boundary values of each fact (no, one, two and the most gaps; one to many follow-ups;
/// absent channels, outcomes and reasons), so a guard that fails only at a boundary is found at load.
/// </summary>
internal static partial class RuleSetAnalyzer
{
    /// <summary>
    /// How many levels named in expressions are checked beyond the three built-in ones. The cost grows
    /// with levels times stages times rules, and every quoted word of an expression that reads the level
    /// may be one: past this many the rest are reported in a warning rather than checked, so the largest
    /// legal rule set still loads in about a second.
    /// </summary>
    internal const int MaxNamedLevels = 16;

    /// <summary>Whether <paramref name="problems"/> holds a stage that no rule decides.</summary>
    public static bool HasUndecidedStage(IEnumerable<RuleSetProblem> problems) =>
        problems.Any(p => p.Rule is null && p.Where == "Rules" && p.Message.StartsWith("no rule decides", StringComparison.Ordinal));

    private const int BuiltInLevels = 3;

    public static void Analyze(PlaybookRule[] rules, Func<CaseFacts, int> firstMatch, List<RuleSetProblem> problems)
    {
        var fired = new bool[rules.Length];
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var levels = Levels(rules, problems);
        var undecided = new List<string>();
        foreach (var (stage, events, core) in StageSpace.Generate())
        {
            // The built-in levels meet every stage; levels named in expressions meet the core stages
            // (each way through the playbook, open), which is where a level-specific rule can leave a gap.
            var facts = CaseFacts.Fold(events, events.Length, levels[0], out _);
            foreach (var level in core ? levels : levels.Take(BuiltInLevels))
            {
                facts.SetLevel(level);
                int index;
                try
                {
                    index = firstMatch(facts);
                }
                catch (Exception ex) when (RuleFaults.IsEvaluationFault(ex))
                {
                    var (rule, error) = RuleFaults.Blame(rules, facts, ex);
                    if (reported.Add("fault:" + rule?.Name))
                    {
                        problems.Add(new RuleSetProblem(rule?.Name, "Expression", $"{RuleFaults.Threw(error)} for a case at stage '{stage}' (level {level}); guard it so it cannot fail"));
                    }

                    continue;
                }

                if (index < 0)
                {
                    if (reported.Add("none:" + stage))
                    {
                        undecided.Add($"'{stage}' (level {level})");
                    }

                    continue;
                }

                fired[index] = true;
                var decided = rules[index];
                if (decided.Due.Anchor is { } anchor && !facts.State.Has(anchor) && reported.Add("anchor:" + decided.Name))
                {
                    problems.Add(new RuleSetProblem(decided.Name, "Properties.due.anchor", $"the rule decides stage '{stage}', which has no {anchor} event to count the due date from"));
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
                problems.Add(new RuleSetProblem(rules[i].Name, "Expression", "never decides any generated case stage: earlier rules always match first, it cannot be true, or an earlier rule throws", IsWarning: true));
            }
        }
    }

    private static List<string> Levels(PlaybookRule[] rules, List<RuleSetProblem> problems)
    {
        List<string> levels = [JobLevel.IndividualContributor.Name, JobLevel.MiddleManagement.Name, JobLevel.SeniorExecutive.Name];
        var seen = new HashSet<string>(levels, StringComparer.OrdinalIgnoreCase);

        // Levels a custom rule set names in its expressions (e.g. facts.Level == "Contractor") get checked too;
        // only rules that read the level can name one. Levels match case-insensitively, as the engine's do.
        var skipped = 0;
        string? firstSkipped = null;
        foreach (var rule in rules)
        {
            if (!rule.FactsRead.Contains(nameof(CaseFacts.Level)))
            {
                continue;
            }

            foreach (Match m in QuotedText().Matches(rule.Expression))
            {
                var name = m.Groups[1].Value;
                if (!seen.Add(name))
                {
                    continue;
                }

                if (levels.Count - BuiltInLevels < MaxNamedLevels)
                {
                    levels.Add(name);
                }
                else
                {
                    skipped++;
                    firstSkipped ??= name;
                }
            }
        }

        if (skipped > 0)
        {
            problems.Add(new RuleSetProblem(null, "Rules", $"the expressions name {MaxNamedLevels + skipped} possible levels; the first {MaxNamedLevels} were checked at every open stage, the other {skipped} (from '{firstSkipped}') were not", IsWarning: true));
        }

        return levels;
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9_]{0,63})\"")]
    private static partial Regex QuotedText();
}

/// <summary>Generates histories covering every stage a valid case can be in.</summary>
internal static class StageSpace
{
    /// <summary>The many follow-ups of the boundary stages: more than any rule is likely to count to.</summary>
    internal const int ManyFollowUps = 100;

    /// <summary>Yields every stage; <c>Core</c> is false for the closed variants and the boundary values.</summary>
    public static IEnumerable<(string Stage, CaseEvent[] Events, bool Core)> Generate()
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

        var core = prefixes.Count;

        // Boundary values: no gaps, two and the most a case may list, at every later stage; many follow-ups.
        foreach (var gaps in new[] { 0, 2, CaseLimits.MaxGaps })
        {
            CaseEvent[] withGaps = [path[0], new FeedbackRecorded(d, [.. Enumerable.Range(1, gaps).Select(g => $"gap {g}")]), path[2], path[3]];
            for (var n = 2; n <= withGaps.Length; n++)
            {
                prefixes.Add(withGaps[..n]);
            }

            CaseEvent[] followed = [.. withGaps, new FollowUpMade(later, FollowUpOutcome.NoChange)];
            prefixes.Add(followed);
            prefixes.Add([.. followed, new Approached(later.PlusDays(10)), new OfferReceived(later.PlusDays(20))]);
        }

        foreach (var count in new[] { 3, ManyFollowUps })
        {
            prefixes.Add([.. path, .. Enumerable.Range(0, count).Select(k => new FollowUpMade(later.PlusDays(k), FollowUpOutcome.NoResponse))]);
        }

        for (var p = 0; p < prefixes.Count; p++)
        {
            var prefix = prefixes[p];
            yield return (Describe(prefix), prefix, p < core);
            foreach (var reason in Enum.GetValues<CloseReason>())
            {
                CaseEvent[] closed = [.. prefix, new Closed(prefix[^1].On.PlusDays(1), reason)];
                yield return (Describe(closed), closed, false);
            }
        }
    }

    private static string Describe(CaseEvent[] events)
    {
        // Runs of the same event are written once with a count, so a hundred follow-ups stay readable.
        var parts = new List<string>();
        var run = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var text = events[i] switch
            {
                FollowUpMade f => $"FollowUpMade({f.Outcome})",
                OpeningSeen o => $"OpeningSeen({o.Match})",
                Closed c => $"Closed({c.Reason})",
                OfferReceived { RespondBy: not null } => "OfferReceived(respondBy)",
                FeedbackRecorded { Gaps.Count: not 1 } g => $"FeedbackRecorded({g.Gaps.Count} gaps)",
                var e => e.Type.ToString(),
            };
            run++;
            if (i + 1 < events.Length && events[i + 1].Type == events[i].Type && events[i].Type != CaseEventType.FeedbackRecorded)
            {
                continue;
            }

            parts.Add(run > 1 ? $"{text} x{run}" : text);
            run = 0;
        }

        return string.Join(" > ", parts);
    }
}
