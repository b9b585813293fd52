using System.Text.Json;
using SecondChance.Rules;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class RulesCommandTests
{
    [Fact]
    public async Task RulesShow_PrintsTheDefaultWorkflow()
    {
        var result = await CliRun.Run("rules", "show");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.TrimEnd().Should().Be(PlaybookRuleSet.DefaultWorkflowJson.TrimEnd());
    }

    [Fact]
    public async Task RulesValidate_TheDefaultWorkflow_PassesWithASummary()
    {
        var file = Paths.TempFile(PlaybookRuleSet.DefaultWorkflowJson);

        var result = await CliRun.Run("rules", "validate", file);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("OK").And.Contain("'SecondChance.Default' with 9 rules").And.Contain("0 warning(s)")
            .And.Contain("FollowUp").And.Contain("facts.NoteSent");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task RulesValidate_ARuleThatNeverDecides_PassesAndShowsTheWarning()
    {
        var result = await CliRun.Run("rules", "validate", Paths.Rules("never.extend.json"), "--rules-mode", "extend");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("with 10 rules (extend mode), 1 warning(s)").And.Contain("warning: rule 'Never', Expression:");
    }

    [Fact]
    public async Task RulesValidate_AnIncompleteReplacement_ExitsTwoWithASummaryAndTheExtendHint()
    {
        var result = await CliRun.Run("rules", "validate", Paths.Rules("follow-up-only.json"));

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().HaveCount(2);
        result.StderrLines[0].Should().MatchRegex(@"^workflow, Rules: no rule decides a case at \d+ stages, the first three being 'Notified' \(level IndividualContributor\), '[^']+' \(level IndividualContributor\), '[^']+' \(level IndividualContributor\); add rules that match them$");
        result.StderrLines[1].Should().Be("workflow, Rules: this file looks like an extension of the default rules: load it in extend mode (--rules-mode extend), or declare \"WorkflowsToInject\": [\"SecondChance.Default\"] at its top");
    }

    [Theory]
    [InlineData("quick-follow-up.json", 9)]
    [InlineData("executive-second-follow-up.json", 11)]
    public async Task RulesValidate_BundledRuleFiles_PassWithoutAMode(string file, int rules)
    {
        var result = await CliRun.Run("rules", "validate", Path.Combine(Paths.Root, "samples", "rules", file));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain($"with {rules} rules (extend mode)");
    }

    [Fact]
    public async Task RulesValidate_ADeclaredExtensionInReplaceMode_SaysWhy()
    {
        var result = await CliRun.Run("rules", "validate", Paths.SampleRules, "--rules-mode", "replace");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Contain("workflow, WorkflowsToInject: the file extends SecondChance.Default, but replace mode was asked for; load it in extend mode or without a mode");
    }

    [Fact]
    public async Task RulesValidate_ABrokenFile_ExitsTwoWithEveryProblemOnItsOwnLine()
    {
        var file = Paths.Rules("broken.json");
        var expected = PlaybookRuleSet.LoadFile(file).Problems.Select(p => p.ToString()).ToArray();

        var result = await CliRun.Run("rules", "validate", file);

        result.ExitCode.Should().Be(2);
        expected.Should().HaveCountGreaterThan(3);
        result.StderrLines.Should().Equal(expected);
        result.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData("{ \"WorkflowName\": \"x\", \"Rules\": [ ", "workflow, json: malformed JSON")]
    [InlineData("[]", "workflow, json: the workflow must be a JSON object")]
    public async Task RulesValidate_MalformedJson_ExitsTwo(string json, string message)
    {
        var result = await CliRun.Run("rules", "validate", Paths.TempFile(json));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(message);
    }

    [Fact]
    public async Task RulesValidate_MissingFile_ExitsTwo()
    {
        var result = await CliRun.Run("rules", "validate", "/nonexistent/rules.json");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("workflow, file: cannot read '/nonexistent/rules.json'");
    }

    [Fact]
    public async Task RulesOption_ExtendingFile_ChangesTheNextAction()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--json", "--rules", Paths.SampleRules, "--rules-mode", "extend");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("dueOn").GetString().Should().Be("2026-06-08");
        doc.RootElement.GetProperty("windowStart").GetString().Should().Be("2026-06-01");
        doc.RootElement.GetProperty("windowEnd").GetString().Should().Be("2026-06-15");
        doc.RootElement.GetProperty("guidance").GetString().Should().Be("Check in after three months: this team fills roles quickly.");
    }

    [Fact]
    public async Task RulesOption_ReplacingFile_DecidesWithThatRuleSet()
    {
        var rules = Paths.TempFile(PlaybookRuleSet.DefaultWorkflowJson.Replace("Contact the same person who called you.", "Write to the hiring manager again."));

        var json = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--json", "--rules", rules);
        var plan = await CliRun.Run("plan", "--case", Paths.Alex, "--today", "2026-03-10", "--rules", rules, "--rules-mode", "replace");

        json.ExitCode.Should().Be(0, json.Stderr);
        JsonDocument.Parse(json.Stdout).RootElement.GetProperty("guidance").GetString().Should().StartWith("Write to the hiring manager again.");
        plan.ExitCode.Should().Be(0, plan.Stderr);
        plan.Stdout.Should().Contain("Write to the hiring manager again.");
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    [InlineData("batch")]
    [InlineData("walk")]
    [InlineData("rules show")]
    public async Task RulesOption_ABrokenFile_StopsEveryCommandWithExitTwo(string command)
    {
        var file = Paths.Rules("broken.json");
        var args = command.Split(' ').Concat(command is "next" or "plan" ? ["--case", Paths.Alex] : []).Concat(["--rules", file]).ToArray();

        var result = await CliRun.RunWithInput("{}\n", args);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal(PlaybookRuleSet.LoadFile(file).Problems.Select(p => p.ToString()));
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task RulesShow_ARuleFileWithCharactersATerminalActsOn_PrintsThemAsJsonEscapes_AndTheSameJson()
    {
        // A bidirectional override in the workflow name, a C1 control (CSI) in a rule's guidance, and old Mac
        // line endings (a lone carriage return returns the cursor, hiding what was printed before it).
        var text = File.ReadAllText(Paths.SampleRules)
            .Replace("\"QuickFollowUp\"", "\"Quick\u202EFollowUp\"", StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r", StringComparison.Ordinal);
        var guidance = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("Rules")[0].GetProperty("Properties").GetProperty("guidance").GetString()!;
        text = text.Replace($"\"{guidance}\"", $"\"{guidance}\u009B31m\"", StringComparison.Ordinal);
        var file = Paths.TempFile(text);

        var result = await CliRun.Run("rules", "show", "--rules", file, "--rules-mode", "extend");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("\u202E").And.NotContain("\u009B").And.NotContain("\r")
            .And.Contain("Quick\\u202EFollowUp").And.Contain("\\u009B31m");
        var shown = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        shown.GetProperty("WorkflowName").GetString().Should().Be("Quick\u202EFollowUp", "a JSON escape is the same character to a parser");
        shown.GetProperty("Rules")[0].GetProperty("Properties").GetProperty("guidance").GetString().Should().Be(guidance + "\u009B31m");
    }

    [Fact]
    public async Task RulesShow_WithRules_PrintsThatRuleSet()
    {
        var result = await CliRun.Run("rules", "show", "--rules", Paths.SampleRules, "--rules-mode", "extend");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("\"WorkflowName\": \"QuickFollowUp\"");
    }
}
