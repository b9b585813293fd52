using System.Text.Json;
using SecondChance.Analytics;
using SecondChance.Samples.Cli.Tests.Support;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Tests;

/// <summary><c>next</c> and <c>plan</c> with <c>--outcomes</c>: the calibrated chance that the case comes back.</summary>
public class OutcomesOptionTests
{
    private static readonly Lazy<OutcomeReport> Report = new(() =>
        OutcomeStatistics.Compute(File.ReadLines(Paths.Outcomes).Select(l => SecondChanceJson.ParseCase(l).Case!), new PlaybookEngine()));

    [Fact]
    public async Task Next_Json_WithOutcomes_CarriesTheReportsChanceForTheLevel()
    {
        var expected = Report.Value.ChanceFor(SecondChance.Cases.JobLevel.MiddleManagement)!;

        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--outcomes", Paths.Outcomes, "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        using var doc = JsonDocument.Parse(result.Stdout);
        var chance = doc.RootElement.GetProperty("chance");
        chance.GetProperty("posteriorMean").GetDouble().Should().Be(expected.PosteriorMean);
        chance.GetProperty("lower").GetDouble().Should().Be(expected.Lower);
        chance.GetProperty("upper").GetDouble().Should().Be(expected.Upper);
        chance.GetProperty("successes").GetInt64().Should().Be(expected.Successes);
        chance.GetProperty("failures").GetInt64().Should().Be(expected.Failures);
        doc.RootElement.GetProperty("action").GetString().Should().Be("FollowUp");
    }

    [Fact]
    public async Task Next_Json_WithoutOutcomes_HasNoChanceField()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--json");

        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.TryGetProperty("chance", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Next_Text_WithOutcomes_ShowsTheChanceLine()
    {
        var expected = Report.Value.ChanceFor(SecondChance.Cases.JobLevel.MiddleManagement)!;

        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--outcomes", Paths.Outcomes);

        result.ExitCode.Should().Be(0, result.Stderr);
        string.Join(" ", result.StdoutLines.Select(l => l.Trim())).Should().Contain($"Chance this comes back: {expected}");
        result.Stdout.Should().Contain("Chance this comes back: 33% (95% credible interval 17% to 52%;");
    }

    [Fact]
    public async Task Plan_WithOutcomes_ShowsTheChanceForTheCasesOwnLevel()
    {
        var expected = Report.Value.ChanceFor(SecondChance.Cases.JobLevel.SeniorExecutive)!;

        var text = await CliRun.Run("plan", "--case", Paths.Morgan, "--today", "2026-10-01", "--outcomes", Paths.Outcomes);
        var json = await CliRun.Run("plan", "--case", Paths.Morgan, "--today", "2026-10-01", "--outcomes", Paths.Outcomes, "--json");

        text.ExitCode.Should().Be(0, text.Stderr);
        string.Join(" ", text.StdoutLines.Select(l => l.Trim())).Should().Contain($"Chance this comes back: {expected}");
        text.Stdout.Should().Contain("The ten steps");
        json.ExitCode.Should().Be(0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        doc.RootElement.GetProperty("next").GetProperty("chance").GetProperty("posteriorMean").GetDouble().Should().Be(expected.PosteriorMean);
        doc.RootElement.GetProperty("steps").GetArrayLength().Should().Be(10);
    }

    [Fact]
    public async Task Plan_Json_WithoutOutcomes_IsUnchanged()
    {
        var @case = SecondChanceJson.ParseCase(File.ReadAllText(Paths.Alex)).Case!;
        var expected = JsonSerializer.Serialize(new PlaybookEngine().Plan(@case, new LocalDate(2026, 3, 10)), SecondChanceJson.Options);

        var result = await CliRun.Run("plan", "--case", Paths.Alex, "--today", "2026-03-10", "--json");

        result.Stdout.TrimEnd('\n', '\r').Should().Be(expected);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    public async Task MissingOutcomesFile_ExitsTwo(string command)
    {
        var result = await CliRun.Run(command, "--case", Paths.Alex, "--today", "2026-03-10", "--outcomes", "/nonexistent/outcomes.ndjson");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("outcomes file '/nonexistent/outcomes.ndjson' was not found (no such folder)");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Next_OutcomesWithABadLine_ReportsItAndStillAnswers()
    {
        var file = Paths.TempFile(string.Join('\n', File.ReadLines(Paths.Outcomes).Take(3).Append("[]")), ".ndjson");

        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--outcomes", file, "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith($"outcomes file '{file}', line 4: skipped: ");
        JsonDocument.Parse(result.Stdout).RootElement.GetProperty("chance").GetProperty("closed").GetInt64().Should().Be(0);
    }
}
