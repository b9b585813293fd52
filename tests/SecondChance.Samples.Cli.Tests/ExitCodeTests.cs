using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class ExitCodeTests
{
    private static string AlexWith(string from, string to) => Paths.TempFile(File.ReadAllText(Paths.Alex).Replace(from, to, StringComparison.Ordinal));

    [Theory]
    [InlineData("next")]
    [InlineData("plan")]
    public async Task MissingCaseFile_ExitsTwoSayingSo(string command)
    {
        var result = await CliRun.Run(command, "--case", "/nonexistent/alex.json");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("case file '/nonexistent/alex.json' was not found (no such folder)");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task MissingCaseFileInAnExistingFolder_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-case.json");

        var result = await CliRun.Run("next", "--case", path);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal($"case file '{path}' was not found");
    }

    [Fact]
    public async Task MalformedJson_ExitsTwoWithWhere()
    {
        var result = await CliRun.Run("next", "--case", Paths.TempFile("{ \"candidate\": "));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("$: is not valid JSON (line 1");
    }

    [Fact]
    public async Task UnknownLevel_ExitsTwoNamingTheField()
    {
        var result = await CliRun.Run("next", "--case", AlexWith("MiddleManagement", "Wizard"), "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("level: 'Wizard' is not a known job level; use one of IndividualContributor, MiddleManagement, SeniorExecutive");
    }

    [Fact]
    public async Task UnknownTimeZone_ExitsTwoNamingTheField()
    {
        var result = await CliRun.Run("plan", "--case", AlexWith("America/Los_Angeles", "Mars/Olympus_Mons"));

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("timeZone: 'Mars/Olympus_Mons' is not a known IANA time zone id (for example America/Los_Angeles)");
    }

    [Fact]
    public async Task EventAfterToday_ExitsTwoWithEveryEventPath()
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", "2026-03-05");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal(Enumerable.Range(0, 4).Select(i => $"events[{i}].on: must not be after today (2026-03-05)"));
    }

    [Fact]
    public async Task SeveralProblems_AreAllReported()
    {
        var file = AlexWith("\"candidate\": \"Alex Rivera\"", "\"candidate\": \" \"");
        File.WriteAllText(file, File.ReadAllText(file).Replace("MiddleManagement", "Wizard"));

        var result = await CliRun.Run("next", "--case", file, "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().HaveCountGreaterThanOrEqualTo(2);
        result.StderrLines.Should().Contain(l => l.StartsWith("candidate: "));
        result.StderrLines.Should().Contain(l => l.StartsWith("level: 'Wizard'"));
    }

    [Theory]
    [InlineData("03/10/2026", "--today: '03/10/2026' is not a date; write it as YYYY-MM-DD")]
    [InlineData("2026-02-30", "--today: 2026-02-30 is not a day in February 2026 (it has 28 days)")]
    [InlineData("tomorrow", "--today: 'tomorrow' is not a date; write it as YYYY-MM-DD")]
    public async Task BadTodayFormat_ExitsTwoSayingWhatIsWrong(string today, string message)
    {
        var result = await CliRun.Run("next", "--case", Paths.Alex, "--today", today);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(message);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("plan --json")]
    [InlineData("frobnicate")]
    [InlineData("")]
    [InlineData("rules validate")]
    [InlineData("next --case x.json --rules-mode sideways")]
    public async Task BadCommandLine_ExitsTwoWithUsageHint(string args)
    {
        var result = await CliRun.Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().NotBeEmpty().And.EndWith("Run 'secondchance --help' for usage.");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Help_ExitsZeroAndNamesEveryCommand()
    {
        var result = await CliRun.Run("--help");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("secondchance [command] [options]");
        foreach (var command in new[] { "next", "plan", "batch", "walk", "record", "rules", "note", "ics", "stats" })
        {
            result.Stdout.Should().Contain($"  {command} ");
        }
    }

    [Fact]
    public async Task UnexpectedFailure_ExitsOneWithOneLineAndNoStackTrace()
    {
        var result = await CliRun.RunWithReader(TextReader.Null, ["next", "--case", Paths.Alex], new BrokenClock());

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().Be("error: InvalidOperationException: the clock is broken (run with --verbose for details)");
    }

    [Fact]
    public async Task UnexpectedFailure_WithVerbose_ShowsTheStackTrace()
    {
        var result = await CliRun.RunWithReader(TextReader.Null, ["next", "--case", Paths.Alex, "--verbose"], new BrokenClock());

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("System.InvalidOperationException: the clock is broken").And.Contain(" at ");
    }

    private sealed class BrokenClock : IClock
    {
        public Instant GetCurrentInstant() => throw new InvalidOperationException("the clock is broken");
    }

    [Fact]
    public async Task MisspelledField_ExitsTwoWithThePathAndTheNameMeant()
    {
        var text = File.ReadAllText(Paths.Alex).Replace("\"channel\": \"Email\"", "\"channel\": \"Email\", \"respond_by\": \"2026-03-20\"", StringComparison.Ordinal);
        var file = Paths.TempFile(text);

        var result = await CliRun.Run("next", "--case", file, "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("events[3].respond_by: unknown field; the fields here are type, on, channel");
        File.Delete(file);
    }
}
