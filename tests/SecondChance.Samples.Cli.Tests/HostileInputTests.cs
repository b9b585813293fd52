using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

/// <summary>Rule sets that throw, text that is not text and dates at the calendar's ends: exit 2 or an error line, never a crash.</summary>
public class HostileInputTests
{
    // Passes every load-time check, and throws for a case with exactly seven gaps.
    private const string ThrowsAtSevenGaps = """
        { "WorkflowName": "Faulty", "Rules": [ { "RuleName": "Faulty",
          "Expression": "facts.GapCount == 7 && 100 / (facts.GapCount - 7) > 0",
          "Properties": { "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." } } ] }
        """;

    private static string OneLine(string file) => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetRawText().ReplaceLineEndings(string.Empty);

    private static string AlexWithGaps(int gaps)
    {
        var alex = OneLine(Paths.Alex);
        var list = string.Join(",", Enumerable.Range(1, gaps).Select(g => $"\"gap {g}\""));
        return System.Text.RegularExpressions.Regex.Replace(alex, "\"gaps\":\\s*\\[[^\\]]*\\]", $"\"gaps\":[{list}]");
    }

    [Fact]
    public async Task Next_RuleThatThrowsForTheCase_ExitsTwoNamingTheRule()
    {
        var rules = Paths.TempFile(ThrowsAtSevenGaps);
        var file = Paths.TempFile(AlexWithGaps(7));

        var result = await CliRun.Run("next", "--case", file, "--rules", rules, "--rules-mode", "extend", "--today", "2026-10-01");

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stderr.Should().Contain("rule 'Faulty' threw DivideByZeroException");
    }

    [Fact]
    public async Task Batch_BadLinesOfEveryKind_AnswerInPlaceAndLaterLinesAreDecided()
    {
        var rules = Paths.TempFile(ThrowsAtSevenGaps);
        var alex = OneLine(Paths.Alex);
        var input = string.Join('\n',
            AlexWithGaps(7),
            alex.Replace("Alex Rivera", "Alex \\ud800", StringComparison.Ordinal),
            alex.Replace("2026-03-06", "0000-03-06", StringComparison.Ordinal),
            AlexWithGaps(2)) + "\n";

        var result = await CliRun.RunWithInput(input, "batch", "--rules", rules, "--rules-mode", "extend", "--today", "2026-10-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        var lines = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        lines.Should().HaveCount(4);
        lines[0].GetProperty("errors")[0].GetString().Should().Contain("rule 'Faulty' threw DivideByZeroException");
        lines[1].GetProperty("errors")[0].GetString().Should().StartWith("candidate: is not valid Unicode text");
        lines[2].GetProperty("errors")[0].GetString().Should().StartWith("events[0].on: 0000-03-06 is outside the dates");
        lines[3].GetProperty("rule").GetString().Should().Be("FollowUp");
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    [InlineData("ics")]
    public async Task TodayAtTheEndOfTheCalendar_ExitsTwoNamingToday(string command)
    {
        var result = await CliRun.Run(command, "--case", Paths.Alex, "--today", "9999-12-31");

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stderr.Should().Contain("today: 9999-12-31 is outside the dates");
    }

    [Fact]
    public async Task Next_LoneSurrogateInTheCaseFile_ExitsTwoWithThePath()
    {
        var file = Paths.TempFile(OneLine(Paths.Alex).Replace("Contoso", "Con\\udc00toso", StringComparison.Ordinal));

        var result = await CliRun.Run("next", "--case", file);

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stderr.Should().Contain("company: is not valid Unicode text");
    }
}
