using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class NextCommandTests
{
    [Fact]
    public async Task Next_Json_AlexOnMarch10_MatchesTheContractFieldByField()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.StdoutLines.Should().ContainSingle();
        using var doc = JsonDocument.Parse(result.Stdout);
        var next = doc.RootElement;
        next.GetProperty("step").GetInt32().Should().Be(7);
        next.GetProperty("action").GetString().Should().Be("FollowUp");
        next.GetProperty("covers").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(7, 8);
        next.GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        next.GetProperty("windowStart").GetString().Should().Be("2026-07-23");
        next.GetProperty("windowEnd").GetString().Should().Be("2026-08-20");
        next.GetProperty("overdue").GetBoolean().Should().BeFalse();
        next.GetProperty("rule").GetString().Should().Be("FollowUp");
        next.GetProperty("guidance").GetString().Should().StartWith("Contact the same person who called you.");
        next.EnumerateObject().Select(p => p.Name).Should().Equal("step", "action", "covers", "dueOn", "windowStart", "windowEnd", "overdue", "rule", "guidance");
    }

    [Fact]
    public async Task Next_Json_IsExactlyTheLibrarysSerialization()
    {
        var @case = SecondChance.Serialization.SecondChanceJson.ParseCase(File.ReadAllText(Paths.Alex)).Case!;
        var expected = SecondChance.Serialization.SecondChanceJson.Serialize(new PlaybookEngine().Decide(@case, new LocalDate(2026, 3, 10)).Next);

        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--json");

        result.Stdout.TrimEnd('\n', '\r').Should().Be(expected);
    }

    [Fact]
    public async Task Next_Text_ShowsWhoWhatWhenAndWhy()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Alex Rivera")
            .And.Contain("Engineering Manager at Contoso")
            .And.Contain("MiddleManagement")
            .And.Contain("America/Los_Angeles")
            .And.Contain("Next: step 7, follow up")
            .And.Contain("Due 2026-08-06 (in 149 days)")
            .And.Contain("On time from 2026-07-23 to 2026-08-20")
            .And.Contain("Why: You sent your note on 6 March 2026; middle-management roles usually revisit")
            .And.NotContain("Rule 'FollowUp'").And.NotContain("facts.").And.NotContain("LevelMonthsAfter")
            .And.NotContain("OVERDUE");
    }

    [Fact]
    public async Task Next_Verbose_AlsoShowsTheRuleBehindTheDecision()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-10", "--verbose");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Why: You sent your note").And.Contain("Rule: Rule 'FollowUp' matched (facts.NoteSent)");
    }

    [Fact]
    public async Task Plan_AfterTheyCameBack_Step9RowSaysAnswerTheirApproach()
    {
        var result = await CliRun.Run("plan", "--case", Paths.Morgan, "--today", "2026-10-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Next: step 9, answer their approach").And.Contain("Answer their approach").And.NotContain("Give them time to come back");
    }

    [Fact]
    public async Task Next_Text_PastTheDueDate_SaysOverdue()
    {
        var result = await CliRun.Run("next", "--case", Paths.Morgan, "--today", "2026-10-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Next: step 9, answer their approach").And.Contain("Due 2026-09-22 (9 days ago) OVERDUE");
    }

    [Fact]
    public async Task Next_WithoutToday_UsesTheClockInTheCasesTimeZone()
    {
        // 03:00 UTC on March 11 is still the evening of March 10 in Los Angeles.
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 3, 11, 3, 0));

        var result = await CliRun.RunWithReader(TextReader.Null, ["next", "--case", Paths.Alex], clock);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("today is 2026-03-10").And.Contain("in 149 days");
    }

    [Theory]
    [MemberData(nameof(BundledCases))]
    public async Task Next_EveryBundledCase_Succeeds(string file)
    {
        var text = await CliRun.Run("next", "--case", file, "--today", "2026-12-31");
        var json = await CliRun.Run("next", "--case", file, "--today", "2026-12-31", "--json");

        text.ExitCode.Should().Be(0, text.Stderr);
        text.Stdout.Should().Contain("Why:");
        json.ExitCode.Should().Be(0, json.Stderr);
        JsonDocument.Parse(json.Stdout).RootElement.GetProperty("rule").GetString().Should().NotBeNullOrEmpty();
    }

    public static TheoryData<string> BundledCases() => new(Paths.BundledCases);
}
