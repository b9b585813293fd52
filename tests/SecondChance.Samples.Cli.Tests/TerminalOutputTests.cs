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
