using CsCheck;
using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Rules;

/// <summary>
/// The rules now run as one compiled delegate that returns the index of the first matching rule. It
/// must give exactly what asking each rule in order gives, for every rule set and every case.
/// </summary>
public class FirstMatchTests
{
    /// <summary>
    /// A workflow where every rule can fail: the catch-all stops at three follow-ups or ten events, and
    /// the expressions mix string comparisons, string methods, counts, || and ! so that the combined
    /// delegate has to keep each rule's short-circuiting and order.
    /// </summary>
    internal const string CanAllFailJson = """
        {
          "WorkflowName": "Tests.CanAllFail",
          "Rules": [
            { "RuleName": "ClosedHired", "Expression": "facts.Closed && facts.ClosedReason == \"Hired\"",
              "Properties": { "step": null, "action": "None", "covers": [], "due": { "policy": "None" }, "guidance": "Closed with a hire." } },
            { "RuleName": "ClosedOther", "Expression": "facts.Closed",
              "Properties": { "step": null, "action": "None", "covers": [], "due": { "policy": "None" }, "guidance": "Closed." } },
            { "RuleName": "OfferWithDate", "Expression": "facts.OfferReceived && facts.OfferHasRespondBy",
              "Properties": { "step": 10, "action": "NegotiateOffer", "covers": [10], "due": { "policy": "RespondByOrBusinessDaysAfter", "anchor": "OfferReceived", "days": 2 }, "guidance": "Answer by their date." } },
            { "RuleName": "Offer", "Expression": "facts.OfferReceived",
              "Properties": { "step": 10, "action": "NegotiateOffer", "covers": [10], "due": { "policy": "RespondByOrBusinessDaysAfter", "anchor": "OfferReceived", "days": 3 }, "guidance": "Answer soon." } },
            { "RuleName": "ApproachedLast", "Expression": "facts.Approached && facts.LastEvent == \"Approached\"",
              "Properties": { "step": 9, "action": "RespondToApproach", "covers": [9], "due": { "policy": "BusinessDaysAfter", "anchor": "Approached", "days": 1 }, "guidance": "Reply." } },
            { "RuleName": "SecondFollowUp", "Expression": "facts.FollowUpCount == 2 || (facts.FollowUpMade && facts.LastFollowUpOutcome.StartsWith(\"Role\"))",
              "Properties": { "step": 9, "action": "AwaitApproach", "covers": [9], "due": { "policy": "LevelWaitAfter", "anchor": "FollowUpMade" }, "guidance": "Wait." } },
            { "RuleName": "Await", "Expression": "facts.FollowUpMade && facts.FollowUpCount < 3 && !facts.Approached",
              "Properties": { "step": 9, "action": "AwaitApproach", "covers": [9], "due": { "policy": "DaysAfter", "anchor": "FollowUpMade", "days": 30 }, "guidance": "Wait a month." } },
            { "RuleName": "FollowUp", "Expression": "facts.NoteSent && (facts.NoteChannel == \"Email\" || facts.NoteChannel == \"Card\" || facts.NoteChannel == \"Letter\")",
              "Properties": { "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "LevelMonthsAfter", "anchor": "NoteSent", "windowDays": 14 }, "completedBy": "FollowUpMade", "guidance": "Follow up." } },
            { "RuleName": "Note", "Expression": "facts.InterestReaffirmed && !facts.NoteSent",
              "Properties": { "step": 5, "action": "SendThankYouNote", "covers": [5, 6], "due": { "policy": "BusinessDaysAfter", "anchor": "Notified", "days": 1 }, "completedBy": "NoteSent", "guidance": "Write." } },
            { "RuleName": "Reaffirm", "Expression": "facts.FeedbackRecorded && facts.GapCount >= 0 && !facts.InterestReaffirmed",
              "Properties": { "step": 4, "action": "ReaffirmInterest", "covers": [4], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "completedBy": "InterestReaffirmed", "guidance": "Say so." } },
            { "RuleName": "CatchAll", "Expression": "facts.Notified && facts.FollowUpCount < 3 && facts.EventCount <= 9",
              "Properties": { "step": 1, "action": "ThankAndAskWhereShort", "covers": [1, 2, 3], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "completedBy": "FeedbackRecorded", "guidance": "Ask." } }
          ]
        }
        """;

    private static string[] SampleFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "rules"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Every rule set that loads: the default and the test workflow in both modes, the samples extending the default.</summary>
    public static TheoryData<string, RuleSetMode> RuleSets()
    {
        var data = new TheoryData<string, RuleSetMode>
        {
            { "default", RuleSetMode.Replace },
            { "default", RuleSetMode.Extend },
            { "can-all-fail", RuleSetMode.Replace },
            { "can-all-fail", RuleSetMode.Extend },
        };
        foreach (var file in SampleFiles())
        {
            data.Add(file, RuleSetMode.Extend);
        }

        return data;
    }

    private static RuleSetLoadResult Load(string name, RuleSetMode? mode) => name switch
    {
        "default" => PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson, mode),
        "can-all-fail" => PlaybookRuleSet.Load(CanAllFailJson, mode),
        _ => PlaybookRuleSet.LoadFile(Path.Combine(RepoRoot(), "samples", "rules", name), mode),
    };

    private static int Naive(PlaybookRuleSet set, CaseFacts facts) => Array.FindIndex(set.RulesArray, r => r.Matches(facts));

    [Fact]
    public void The_samples_extend_the_default_and_do_not_stand_alone()
    {
        SampleFiles().Should().NotBeEmpty();
        foreach (var file in SampleFiles())
        {
            var extended = Load(file, RuleSetMode.Extend);
            extended.Succeeded.Should().BeTrue($"{file} (Extend): {string.Join("; ", extended.Problems)}");

            // They declare it, so they load as extensions without being told, and refuse to stand alone.
            Load(file, null).RuleSet!.Mode.Should().Be(RuleSetMode.Extend, file);
            var alone = Load(file, RuleSetMode.Replace);
            alone.Succeeded.Should().BeFalse(file);
            alone.Errors.Should().Contain(p => p.Where == "WorkflowsToInject", file);
        }
    }

    [Theory]
    [MemberData(nameof(RuleSets))]
    public void FirstMatch_returns_the_index_of_the_first_rule_that_matches_or_minus_one(string name, RuleSetMode mode)
    {
        var result = Load(name, mode);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Problems));
        var set = result.RuleSet!;
        var seen = new int[set.RulesArray.Length + 1];
        CaseHistories.AnyCase.Sample(t =>
        {
            var facts = CaseFacts.FromCase(t.Case);
            var expected = Naive(set, facts);
            set.FirstMatch(facts).Should().Be(expected, CaseHistories.Describe(t.Case));
            Interlocked.Increment(ref seen[expected + 1]);

            // The same for the facts under other level spellings, which rules such as facts.Level == "Contractor" read.
            foreach (var level in new[] { "Contractor", "SeniorExecutive", "" })
            {
                var other = CaseFacts.Fold(t.Case.Events, t.Case.Events.Count, level, out _);
                set.FirstMatch(other).Should().Be(Naive(set, other), $"level '{level}': {CaseHistories.Describe(t.Case)}");
            }
        }, iter: 3000, print: t => CaseHistories.Describe(t.Case));

        // Meaningful only if the cases reach the rules: every rule that can decide a stage fired, and -1 happened.
        seen[0].Should().BeGreaterThan(0, "some generated histories (no Notified first, too many follow-ups) match no rule");
        var reached = set.RulesArray.Where((_, i) => seen[i + 1] > 0).Select(r => r.Name).ToArray();
        var warned = result.Warnings.Select(w => w.Rule).ToHashSet();
        set.RulesArray.Select(r => r.Name).Where(n => !warned.Contains(n) && n != "ContractorQuickFollowUp")
            .Should().BeSubsetOf(reached, "every rule that decides some stage is reached by the generated cases");
    }

    [Fact]
    public void FirstMatch_on_the_default_set_over_the_benchmark_cases_agrees_with_the_decision()
    {
        var engine = new PlaybookEngine();
        foreach (var c in SecondChance.Benchmarks.CaseGenerator.Generate(12 * 3 * 10))
        {
            var facts = CaseFacts.FromCase(c);
            var index = PlaybookRuleSet.Default.FirstMatch(facts);
            index.Should().Be(Naive(PlaybookRuleSet.Default, facts));
            engine.Decide(c, SecondChance.Benchmarks.CaseGenerator.Today).Rule.Should().BeSameAs(PlaybookRuleSet.Default.RulesArray[index]);
        }
    }

    [Fact]
    public void The_can_all_fail_workflow_gives_no_rule_error_where_every_rule_fails()
    {
        var set = PlaybookRuleSet.Load(CanAllFailJson).GetRuleSetOrThrow();
        var engine = new PlaybookEngine(new PlaybookOptions { RuleSet = set });
        var call = D(2025, 1, 6);

        // No note, three follow-ups, the last one NoChange: no rule of this workflow matches.
        var threeFollowUps = New(JobLevel.MiddleManagement,
            new Notified(call),
            new FollowUpMade(call.PlusMonths(4), FollowUpOutcome.NoChange),
            new FollowUpMade(call.PlusMonths(8), FollowUpOutcome.NoResponse),
            new FollowUpMade(call.PlusMonths(12), FollowUpOutcome.NoChange));

        set.FirstMatch(CaseFacts.FromCase(threeFollowUps)).Should().Be(-1);
        engine.Validate(threeFollowUps, call.PlusMonths(13)).Should().BeEmpty("the case itself is well formed");
        var decision = engine.Decide(threeFollowUps, call.PlusMonths(13));
        decision.IsValid.Should().BeFalse();
        decision.Errors.Should().ContainSingle().Which.ToString().Should().Be("$: no rule of workflow 'Tests.CanAllFail' matches this case");

        // The last follow-up found the role reopened: SecondFollowUp matches again, through its string method.
        var reopened = threeFollowUps.With(new FollowUpMade(call.PlusMonths(12), FollowUpOutcome.RoleReopened));
        set.RulesArray[set.FirstMatch(CaseFacts.FromCase(reopened))].Name.Should().Be("SecondFollowUp");
        engine.Decide(reopened, call.PlusMonths(13)).Rule!.Name.Should().Be("SecondFollowUp");

        // And with a note the FollowUp rule is the first to match.
        var noted = New(JobLevel.MiddleManagement, [.. threeFollowUps.Events.Take(1), new NoteSent(call, NoteChannel.Card), .. threeFollowUps.Events.Skip(1)]);
        set.RulesArray[set.FirstMatch(CaseFacts.FromCase(noted))].Name.Should().Be("FollowUp");
    }

    [Fact]
    public void In_Extend_mode_custom_rules_come_first_and_a_replaced_default_keeps_its_place()
    {
        var json = """
            { "WorkflowName": "Tests.Extend", "Rules": [
              { "RuleName": "FollowUp", "Expression": "facts.NoteSent && facts.NoteChannel == \"Letter\"",
                "Properties": { "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 1, "windowDays": 3 }, "completedBy": "FollowUpMade", "guidance": "Letters are slow: follow up after a month." } },
              { "RuleName": "EarlyApproach", "Expression": "facts.Approached && !facts.FollowUpMade",
                "Properties": { "step": 9, "action": "RespondToApproach", "covers": [9], "due": { "policy": "OnEventDate", "anchor": "Approached" }, "guidance": "They came back early: reply the same day." } }
            ] }
            """;
        var set = PlaybookRuleSet.Load(json, RuleSetMode.Extend).GetRuleSetOrThrow();
        var names = set.RulesArray.Select(r => r.Name).ToArray();
        names[0].Should().Be("EarlyApproach");
        names.Should().HaveCount(PlaybookRuleSet.Default.RulesArray.Length + 1);
        Array.IndexOf(names, "FollowUp").Should().Be(1 + Array.FindIndex(PlaybookRuleSet.Default.RulesArray, r => r.Name == "FollowUp"));

        var call = D(2026, 1, 5);
        var emailNote = New(JobLevel.MiddleManagement, HappyPath(call));
        var letterNote = New(JobLevel.MiddleManagement, [.. HappyPath(call)[..3], new NoteSent(call, NoteChannel.Letter)]);
        var approached = New(JobLevel.MiddleManagement, [.. HappyPath(call), new Approached(call.PlusDays(20))]);

        // The replaced FollowUp only matches letters; an email note falls through to the next default rule that
        // matches, SendThankYouNote (it reads InterestReaffirmed only).
        set.RulesArray[set.FirstMatch(CaseFacts.FromCase(letterNote))].Name.Should().Be("FollowUp");
        set.RulesArray[set.FirstMatch(CaseFacts.FromCase(emailNote))].Name.Should().Be("SendThankYouNote");
        set.RulesArray[set.FirstMatch(CaseFacts.FromCase(approached))].Name.Should().Be("EarlyApproach");

        var engine = new PlaybookEngine(new PlaybookOptions { RuleSet = set });
        engine.Decide(letterNote, call).DueOn.Should().Be(D(2026, 2, 5));
        engine.Decide(approached, call.PlusDays(20)).DueOn.Should().Be(call.PlusDays(20));
    }

    [Fact]
    public void Engines_with_custom_sets_decide_with_the_rule_the_naive_scan_picks()
    {
        var options = new PlaybookOptions { RuleSet = PlaybookRuleSet.LoadFile(Path.Combine(RepoRoot(), "samples", "rules", "executive-second-follow-up.json"), RuleSetMode.Extend).GetRuleSetOrThrow() };
        options.Levels[new JobLevel("Contractor")] = new LevelProfile(2, 30, 0.2);
        var engines = new[]
        {
            new PlaybookEngine(),
            new PlaybookEngine(options),
            new PlaybookEngine(new PlaybookOptions { RuleSet = PlaybookRuleSet.Load(CanAllFailJson).GetRuleSetOrThrow() }),
        };

        var decided = 0;
        CaseHistories.AnyCase.Sample(t =>
        {
            foreach (var engine in engines)
            {
                var decision = engine.Decide(t.Case, t.Today);
                if (!decision.IsValid)
                {
                    continue;
                }

                Interlocked.Increment(ref decided);
                var index = Naive(engine.RuleSet, decision.GetFacts()!);
                index.Should().BeGreaterThanOrEqualTo(0);
                decision.Rule.Should().BeSameAs(engine.RuleSet.RulesArray[index], CaseHistories.Describe(t.Case));
            }
        }, iter: 2000, print: t => CaseHistories.Describe(t.Case));
        decided.Should().BeGreaterThan(1500);
    }
}
