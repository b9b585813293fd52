using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class PlanCommandTests
{
    [Fact]
    public async Task Plan_Alex_ShowsTheTenStepsAsATimeline()
    {
        var result = await CliRun.Run("plan", "--case", Paths.Alex, "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        Row(result, 1).Should().Contain("done").And.Contain("2026-03-06");
        Row(result, 6).Should().Contain("done").And.Contain("2026-03-06");
        Row(result, 7).Should().Contain("NEXT").And.Contain("2026-08-06").And.Contain("Follow up with the same person");
        Row(result, 8).Should().Contain("NEXT").And.Contain("2026-08-06");
        Row(result, 9).Should().Contain("projected").And.Contain("2026-08-27");
        Row(result, 10).Should().Contain("conditional").And.Contain("Negotiate the offer");
        result.StdoutLines.Should().Contain(l => l.Contains("07-23..08-20"));
        result.Stdout.Should().Contain("Alex Rivera").And.Contain("Contoso").And.Contain("Engineering Manager")
            .And.Contain("MiddleManagement").And.Contain("America/Los_Angeles").And.Contain("Why:");
    }

    [Fact]
    public async Task Plan_RedirectedOutput_FitsEightyColumnsWithoutEscapeCodes()
    {
        foreach (var file in Paths.BundledCases)
        {
            var result = await CliRun.Run("plan", "--case", file, "--today", "2026-12-31");

            result.ExitCode.Should().Be(0, result.Stderr);
            result.Stdout.Should().NotContain("\u001b", "redirected output is plain text");
            result.StdoutLines.Should().OnlyContain(l => l.Length <= 80, "the plan is laid out for an 80-column terminal");
        }
    }

    [Fact]
    public async Task Plan_ClosedCase_SaysNothingIsLeft()
    {
        var json = File.ReadAllText(Paths.Alex).Replace(
            "{ \"type\": \"NoteSent\", \"on\": \"2026-03-06\", \"channel\": \"Email\" }",
            "{ \"type\": \"NoteSent\", \"on\": \"2026-03-06\", \"channel\": \"Email\" }, { \"type\": \"Closed\", \"on\": \"2026-03-09\", \"reason\": \"TookOtherJob\" }");
        var file = Paths.TempFile(json);

        var result = await CliRun.Run("plan", "--case", file, "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Nothing left to do").And.Contain("This case is closed");
    }

    [Fact]
    public async Task Plan_Json_HasTenStepsAndTheNextAction()
    {
        var result = await CliRun.Run("plan", "--case", Paths.Alex, "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToArray();
        steps.Should().HaveCount(10);
        steps.Select(s => s.GetProperty("status").GetString()).Should().Equal(
            "Done", "Done", "Done", "Done", "Done", "Done", "Next", "Next", "Projected", "Conditional");
        doc.RootElement.GetProperty("next").GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        doc.RootElement.GetProperty("today").GetString().Should().Be("2026-03-10");
    }

    [Theory]
    [MemberData(nameof(NextCommandTests.BundledCases), MemberType = typeof(NextCommandTests))]
    public async Task Plan_EveryBundledCase_Succeeds(string file)
    {
        var text = await CliRun.Run("plan", "--case", file, "--today", "2026-12-31");
        var json = await CliRun.Run("plan", "--case", file, "--today", "2026-12-31", "--json");

        text.ExitCode.Should().Be(0, text.Stderr);
        text.Stdout.Should().Contain("The ten steps");
        json.ExitCode.Should().Be(0, json.Stderr);
        JsonDocument.Parse(json.Stdout).RootElement.GetProperty("steps").GetArrayLength().Should().Be(10);
    }

    private static string Row(CliResult result, int step) =>
        result.StdoutLines.Single(l => l.StartsWith($"│ {step,2} │", StringComparison.Ordinal));
}
