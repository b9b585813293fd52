using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class TerminalOutputTests
{
    private static readonly string[] PlanArgs = ["plan", "--case", Paths.Alex, "--today", "2026-03-10"];

    [Fact]
    public async Task Terminal_GetsColour()
    {
        var result = await CliRun.RunWithReader(TextReader.Null, PlanArgs, terminal: new CliTerminal(false, true, NoColor: false, Width: 80));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("\u001b[");
    }

    [Fact]
    public async Task Terminal_WithNoColor_IsPlainText()
    {
        var result = await CliRun.RunWithReader(TextReader.Null, PlanArgs, terminal: new CliTerminal(false, true, NoColor: true, Width: 80));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("\u001b");
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    public async Task RedirectedOutput_IsPlainText(string command)
    {
        var result = await CliRun.Run(command, "--case", Paths.Morgan, "--today", "2026-10-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("\u001b").And.Contain("OVERDUE");
    }

    [Fact]
    public async Task RulesValidateAndWalk_RedirectedOutput_IsPlainText()
    {
        var rules = await CliRun.Run("rules", "validate", Paths.SampleRules, "--rules-mode", "extend");
        var walk = await CliRun.RunWithInput("1\nUTC\n\nn\nn\nn\nSam\nFabrikam\nAnalyst\n\nn\n", "walk", "--today", "2026-03-10");

        rules.ExitCode.Should().Be(0, rules.Stderr);
        walk.ExitCode.Should().Be(0, walk.Stderr);
        rules.Stdout.Should().NotContain("\u001b");
        walk.Stdout.Should().NotContain("\u001b");
    }
}

/// <summary>Control characters and bidirectional overrides from input never reach the terminal raw: they are shown as escapes.</summary>
public class TerminalEscapeTests
{
    // An OSC sequence that retitles the window, ended by BEL; a right-to-left override; a C1 control (CSI).
    private const string HostileCandidate = "Alex\\u001b]0;owned\\u0007 Rivera";
    private const string HostileCompany = "Con\\u202etoso\\u009b2J";

    private static readonly CliTerminal AnsiTerminal = new(false, true, NoColor: false, Width: 100);

    private static string HostileCase() => Paths.TempFile(File.ReadAllText(Paths.Alex)
        .Replace("\"Alex Rivera\"", $"\"{HostileCandidate}\"", StringComparison.Ordinal)
        .Replace("\"Contoso\"", $"\"{HostileCompany}\"", StringComparison.Ordinal));

    private static void ShouldBeNeutralised(string output)
    {
        output.Should().NotContain("\u001b]").And.NotContain("\u0007").And.NotContain("\u202e").And.NotContain("\u009b");
        output.Should().Contain("Alex\\u001B]0;owned\\u0007 Rivera").And.Contain("Con\\u202Etoso\\u009B2J");
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    public async Task CaseText_AtATerminal_IsShownAsEscapesWhileColourStays(string command)
    {
        var result = await CliRun.RunWithReader(TextReader.Null, [command, "--case", HostileCase(), "--today", "2026-03-10"], terminal: AnsiTerminal);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("\u001b[", "colour and style codes of the CLI itself stay");
        ShouldBeNeutralised(result.Stdout);
    }

    [Fact]
    public async Task CaseText_RedirectedOutput_IsShownAsEscapes()
    {
        var result = await CliRun.Run("next", "--case", HostileCase(), "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("\u001b");
        ShouldBeNeutralised(result.Stdout);
    }

    [Fact]
    public async Task RuleNameAndGuidance_InRulesValidate_AreShownAsEscapes()
    {
        var rules = Paths.TempFile("""
            { "WorkflowName": "Evil\u001b[2J", "WorkflowsToInject": ["SecondChance.Default"], "Rules": [
              { "RuleName": "Quick\u001b]8;;http://x.example\u0007", "Expression": "facts.NoteSent",
                "Properties": { "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner\u202e." } } ] }
            """);

        var ok = await CliRun.RunWithReader(TextReader.Null, ["rules", "validate", rules], terminal: AnsiTerminal);
        var next = await CliRun.RunWithReader(TextReader.Null, ["next", "--case", Paths.Alex, "--rules", rules, "--today", "2026-03-10", "--verbose"], terminal: AnsiTerminal);

        ok.ExitCode.Should().Be(0, ok.Stderr);
        ok.Stdout.Should().Contain("Evil\\u001B[2J").And.Contain("Quick\\u001B]8;;http://x.example\\u0007");
        ok.Stdout.Should().NotContain("\u001b]").And.NotContain("\u001b[2J").And.NotContain("\u0007");
        next.ExitCode.Should().Be(0, next.Stderr);
        next.Stdout.Should().Contain("Sooner\\u202E.").And.NotContain("\u202e").And.NotContain("\u001b]");
    }

    [Fact]
    public async Task ProblemsOnStderr_AreShownAsEscapes()
    {
        var rules = Paths.TempFile("""{ "WorkflowName": "W", "Rules": [ { "RuleName": "Bad\u001b]0;owned\u0007", "Expression": "facts.Nope" } ] }""");

        var result = await CliRun.Run("rules", "validate", rules);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("rule 'Bad\\u001B]0;owned\\u0007'").And.NotContain("\u001b").And.NotContain("\u0007");
    }

    [Fact]
    public async Task JsonOutput_StaysExactJson()
    {
        var line = JsonDocument.Parse(File.ReadAllText(Paths.Alex)).RootElement.GetRawText().ReplaceLineEndings(string.Empty)
            .Replace("\"MiddleManagement\"", "\"Astro\\u001bnaut\\u202e\"", StringComparison.Ordinal);

        var result = await CliRun.RunWithInput(line + "\n", "batch", "--today", "2026-03-10");

        result.Stdout.Should().NotContain("\u001b").And.NotContain("\u202e");
        JsonDocument.Parse(result.StdoutLines[0]).RootElement.GetProperty("errors")[0].GetString().Should().Contain("'Astro\u001bnaut\u202e' is not a known job level");
    }
}
