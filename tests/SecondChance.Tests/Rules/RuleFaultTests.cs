using SecondChance.Validation;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Rules;

/// <summary>
/// Rules that throw, and expressions built to exhaust the parser: each is a problem of that rule set
/// or an invalid decision for that case, never an exception out of the library or a crashed process.
/// </summary>
public class RuleFaultTests
{
    private const string FollowUpProperties =
        """{ "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." }""";

    // Each throws only when a case records exactly seven gaps: a count the load-time analysis does not try.
    public static TheoryData<string, string> ThrowOnlyAtSevenGaps => new()
    {
        { "facts.GapCount == 7 && 100 / (facts.GapCount - 7) > 0", nameof(DivideByZeroException) },
        { "facts.GapCount == 7 && 1.5m / (facts.GapCount - 7) > 0", nameof(DivideByZeroException) },
        { "facts.GapCount == 7 && Math.Abs(facts.GapCount - 7 - 2147483647 - 1) > 0", nameof(OverflowException) },
        { "facts.GapCount == 7 && iif(facts.GapCount == 7, null, facts.Level).Length > 0", nameof(NullReferenceException) },
        { "facts.GapCount == 7 && facts.Level.Contains(iif(facts.GapCount == 7, null, \"x\"))", nameof(ArgumentNullException) },
    };

    private static string Workflow(string expression) =>
        $$"""{ "WorkflowName": "Faulty", "Rules": [ { "RuleName": "Faulty", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}}, "Properties": {{FollowUpProperties}} } ] }""";

    private static PlaybookEngine Engine(string expression)
    {
        var loaded = PlaybookRuleSet.Load(Workflow(expression), RuleSetMode.Extend);
        loaded.Errors.Should().BeEmpty("the fault is out of the analysis' reach");
        return new PlaybookEngine(new PlaybookOptions { RuleSet = loaded.RuleSet! });
    }

    private static RunnerUpCase WithGaps(int gaps)
    {
        var d = D(2026, 3, 6);
        return New(JobLevel.MiddleManagement, new Notified(d), new FeedbackRecorded(d, [.. Enumerable.Range(1, gaps).Select(g => $"gap {g}")]), new InterestReaffirmed(d), new NoteSent(d, NoteChannel.Email));
    }

    [Theory]
    [MemberData(nameof(ThrowOnlyAtSevenGaps))]
    public void Decide_RuleThatThrows_IsAnInvalidDecisionNamingTheRuleAndTheException(string expression, string exception)
    {
        var engine = Engine(expression);

        var decision = engine.Decide(WithGaps(7), D(2026, 3, 9));

        decision.IsValid.Should().BeFalse();
        decision.Errors.Should().ContainSingle().Which.Message.Should().Contain("rule 'Faulty'").And.Contain(exception);
        engine.Decide(WithGaps(1), D(2026, 3, 9)).Next.Rule.Should().Be("FollowUp");
    }

    [Fact]
    public void Plan_RuleThatThrows_IsAnInvalidPlan()
    {
        var engine = Engine(ThrowOnlyAtSevenGaps.First()[0].ToString()!);

        var plan = engine.Plan(WithGaps(7), D(2026, 3, 9));

        plan.Decision.IsValid.Should().BeFalse();
        plan.Steps.Should().BeEmpty();
        plan.Decision.Errors[0].Message.Should().Contain("rule 'Faulty' threw DivideByZeroException");
    }

    [Fact]
    public void DecideMany_RuleThatThrows_FailsOnlyThoseCases()
    {
        var engine = Engine(ThrowOnlyAtSevenGaps.First()[0].ToString()!);
        var cases = Enumerable.Range(0, 5000).Select(i => WithGaps(i % 10 == 3 ? 7 : 1)).ToList();

        var decisions = engine.DecideMany(cases, D(2026, 3, 9)).ToList();

        decisions.Should().HaveCount(5000);
        decisions.Where((d, i) => i % 10 == 3).Should().OnlyContain(d => !d.IsValid && d.Errors[0].Message.Contains("DivideByZeroException"));
        decisions.Where((d, i) => i % 10 != 3).Should().OnlyContain(d => d.IsValid && d.Rule!.Name == "FollowUp");
    }

    // The review's reproduction: the default rules plus a guard that fails for two or more gaps.
    [Fact]
    public void Load_RuleThatThrowsAtABoundaryValue_IsAProblemNamingTheRule()
    {
        var result = PlaybookRuleSet.Load(Workflow("facts.GapCount > 1 && 100 / (facts.GapCount - facts.GapCount) > 0"), RuleSetMode.Extend);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ToString().Should()
            .StartWith("rule 'Faulty', Expression: threw DivideByZeroException").And.Contain("FeedbackRecorded(2 gaps)");
    }

    [Theory]
    [InlineData("100 / facts.GapCount > 0", "DivideByZeroException")]
    [InlineData("facts.GapCount == 50 && 100 / (facts.GapCount - 50) > 0", "FeedbackRecorded(50 gaps)")]
    [InlineData("facts.FollowUpCount > 2 && 100 / (facts.FollowUpCount - 3) > 0", "FollowUpMade(NoResponse) x3")]
    [InlineData("facts.FollowUpCount > 50 && 100 / (facts.FollowUpCount - 100) > 0", "x100")]
    [InlineData("facts.Level.Contains(iif(facts.NoteSent, null, \"x\"))", "ArgumentNullException")]
    public void Load_RuleThatThrowsOnAGeneratedStage_IsAProblemNotAnException(string expression, string named)
    {
        var result = PlaybookRuleSet.Load(Workflow(expression), RuleSetMode.Extend);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Contain(p => p.Rule == "Faulty" && p.Message.StartsWith("threw ", StringComparison.Ordinal) && p.Message.Contains(named));
    }

    [Fact]
    public void Reload_RuleSetWhoseAnalysisFoundAFault_IsRefused()
    {
        var holder = new ReloadablePlaybookEngine(new PlaybookOptions());
        var serving = holder.Current;

        var result = holder.TryReload(Workflow("facts.GapCount > 1 && 100 / (facts.GapCount - facts.GapCount) > 0"), RuleSetMode.Extend);

        result.Succeeded.Should().BeFalse();
        holder.Current.Should().BeSameAs(serving);
    }

    // 494 parentheses fit in the 1,000-character limit; parsing them recursed past a 1 MiB stack,
    // the default on Windows, and took the process down. Run on such a thread here.
    [Theory]
    [InlineData(494, '(')]
    [InlineData(250, '(')]
    [InlineData(494, '[')]
    [InlineData(900, '!')]
    [InlineData(900, '-')]
    public void Load_DeepNesting_IsRefusedBeforeParsingOnASmallStack(int depth, char opener)
    {
        var closer = opener switch { '(' => ")", '[' => "]", _ => string.Empty };
        var operand = opener is '!' ? "facts.Notified" : opener is '-' ? "facts.GapCount > 0" : "facts.Notified";
        var expression = opener is '-'
            ? new string('-', depth) + "facts.GapCount > 0"
            : new string(opener, depth) + operand + string.Concat(Enumerable.Repeat(closer, depth));
        RuleSetLoadResult? result = null;
        var thread = new Thread(() => result = PlaybookRuleSet.Load(Workflow(expression[..Math.Min(expression.Length, 1000)]), RuleSetMode.Extend), 1024 * 1024);

        thread.Start();
        thread.Join();

        result!.Errors.Should().ContainSingle().Which.Message.Should().Contain("nests deeper than 20 levels");
    }

    [Fact]
    public void Load_ParenthesesInsideStringLiterals_DoNotCount()
    {
        var expression = "facts.Level == \"((((((((((((((((((((((((\" || facts.Level.StartsWith(\"\\\"(((((((((((((((((((((\")";

        PlaybookRuleSet.Load(Workflow(expression + " && facts.NoteSent"), RuleSetMode.Extend).Errors.Should().BeEmpty();
    }

    [Fact]
    public void Analyze_ManyNamedLevels_ChecksABoundedNumberAndSaysSo()
    {
        var names = Enumerable.Range(0, 60).Select(i => $"facts.Level == \"Lvl{i}\"");
        var expression = "(" + string.Join(" || ", names.Take(10)) + ") && facts.NoteSent";
        var rules = Enumerable.Range(0, 6).Select(r =>
            $$"""{ "RuleName": "R{{r}}", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression.Replace("Lvl", $"Lvl{r}x", StringComparison.Ordinal))}}, "Properties": {{FollowUpProperties}} }""");

        var result = PlaybookRuleSet.Load($$"""{ "WorkflowName": "Levels", "Rules": [ {{string.Join(",", rules)}} ] }""", RuleSetMode.Extend);

        result.Succeeded.Should().BeTrue();
        result.Problems.Should().Contain(p => p.IsWarning && p.Message.Contains("name 60 possible levels; the first 16 were checked"));
    }
}
