using SecondChance.Samples.Cli.Tests.Support;
using IcalCalendar = Ical.Net.Calendar;

namespace SecondChance.Samples.Cli.Tests;

public class IcsCommandTests
{
    private static readonly string[] AlexUids =
    [
        "alex-contoso-FollowUp@secondchance",
        "alex-contoso-FollowUp-window@secondchance",
        "alex-contoso-AwaitApproach@secondchance",
        "alex-contoso-AwaitApproach-window@secondchance",
    ];

    [Fact]
    public async Task Ics_Alex_ParsesWithTheExpectedEntriesAtNineInLosAngeles()
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-03-10", "--case-id", "alex-contoso");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().StartWith("BEGIN:VCALENDAR\r\n").And.EndWith("END:VCALENDAR\r\n");

        var calendar = IcalCalendar.Load(result.Stdout)!;
        calendar.TimeZones.Should().ContainSingle().Which.TzId.Should().Be("America/Los_Angeles");
        var upcoming = calendar.Events.Where(e => e.Status != "CANCELLED").ToArray();
        upcoming.Select(e => e.Uid).Should().Equal(AlexUids);
        calendar.Events.Where(e => e.Status == "CANCELLED").Select(e => e.Uid).Should().Equal(
            "alex-contoso-ThankAndAsk@secondchance", "alex-contoso-ReaffirmInterest@secondchance", "alex-contoso-SendThankYouNote@secondchance");
        upcoming.Select(e => e.Summary).Should().Equal(
            "Steps 7-8: Follow up with the same person months later (Engineering Manager, Contoso)",
            "Window: Steps 7-8: Follow up with the same person months later (Engineering Manager, Contoso)",
            "Step 9: Give them time to come back to you (Engineering Manager, Contoso)",
            "Window: Step 9: Give them time to come back to you (Engineering Manager, Contoso)");

        var lines = result.Stdout.Split("\r\n");
        lines.Should().Contain("DTSTART;TZID=America/Los_Angeles:20260806T090000")
            .And.Contain("DTSTART;TZID=America/Los_Angeles:20260827T090000")
            .And.Contain("DTSTART;VALUE=DATE:20260723")
            .And.Contain("DTSTAMP:20260310T120000Z", "the stamp comes from the CLI's clock");
    }

    [Fact]
    public async Task Ics_TimeOption_MovesEveryReminder()
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-03-10", "--case-id", "alex-contoso", "--time", "17:30");

        result.ExitCode.Should().Be(0, result.Stderr);
        var starts = result.Stdout.Split("\r\n").Where(l => l.StartsWith("DTSTART;TZID=", StringComparison.Ordinal));
        starts.Should().Equal(
            "DTSTART;TZID=America/Los_Angeles:20260806T173000",
            "DTSTART;TZID=America/Los_Angeles:20260827T173000",
            "DTSTART;TZID=America/Los_Angeles:20260306T173000", // the steps done on the day of the call, cancelled
            "DTSTART;TZID=America/Los_Angeles:20260306T173000",
            "DTSTART;TZID=America/Los_Angeles:20260306T173000");
    }

    [Fact]
    public async Task Ics_OutOption_WritesTheSameCalendarToTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "secondchance-cli-tests-" + Guid.NewGuid().ToString("N") + ".ics");
        var toStdout = await CliRun.Run("ics", "--case", Paths.Morgan, "--today", "2026-10-01");

        var toFile = await CliRun.Run("ics", "--case", Paths.Morgan, "--today", "2026-10-01", "--out", path);

        toFile.ExitCode.Should().Be(0, toFile.Stderr);
        toFile.Stdout.Should().BeEmpty();
        File.ReadAllText(path).Should().Be(toStdout.Stdout);
        var calendar = IcalCalendar.Load(toStdout.Stdout)!;
        calendar.TimeZones.Should().ContainSingle().Which.TzId.Should().Be("Pacific/Auckland");
        calendar.Events.Should().NotBeEmpty().And.OnlyContain(e => e.Uid!.EndsWith("@secondchance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ics_WithoutCaseId_UidsAreStableAcrossDays()
    {
        var march = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-03-10");
        var april = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-04-10");

        static string[] Uids(string ics) => ics.Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).ToArray();
        Uids(march.Stdout).Should().HaveCount(7).And.Equal(Uids(april.Stdout));
        Uids(march.Stdout).Should().OnlyContain(u => System.Text.RegularExpressions.Regex.IsMatch(u, "^UID:[0-9a-f]{32}-[A-Za-z]+(-window)?@secondchance$"));
    }

    [Theory]
    [InlineData("9am")]
    [InlineData("25:00")]
    [InlineData("9:00")]
    public async Task Ics_BadTime_ExitsTwo(string time)
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--time", time);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal($"--time: '{time}' is not a time; write it as HH:mm on a 24-hour clock, for example 09:00 or 17:30.", "Run 'secondchance --help' for usage.");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Ics_BlankCaseId_ExitsTwo()
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--case-id", " ");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("--case-id: must not be blank");
    }

    [Fact]
    public async Task Ics_MissingCaseFile_ExitsTwo()
    {
        var result = await CliRun.Run("ics", "--case", "/nonexistent/alex.json");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("case file '/nonexistent/alex.json' was not found (no such folder)");
    }

    [Fact]
    public async Task Ics_InvalidCase_ExitsTwoWithTheFieldPaths()
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-03-05");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal(Enumerable.Range(0, 4).Select(i => $"events[{i}].on: must not be after today (2026-03-05)"));
    }

    [Fact]
    public async Task Ics_UnwritableOutFile_ExitsTwo()
    {
        var result = await CliRun.Run("ics", "--case", Paths.Alex, "--today", "2026-03-10", "--out", "/nonexistent/folder/plan.ics");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("calendar file '/nonexistent/folder/plan.ics' cannot be written: ");
    }
}
