using SecondChance.Cases;
using SecondChance.Samples.Cli.Tests.Support;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Tests;

public class WalkCommandTests
{
    private static string Answers(params string[] lines) => string.Join('\n', lines) + "\n";

    [Fact]
    public async Task Walk_ScriptedAnswers_PrintsThePlanAndSavesACaseThatParses()
    {
        var path = Path.Combine(Path.GetTempPath(), $"walk-{Guid.NewGuid():N}.json");
        var input = Answers(
            "2",                       // level: MiddleManagement
            "Europe/Berlin",           // time zone
            "2026-03-09",              // the call
            "y",                       // asked where they fell short
            "less budget ownership; no German", // gaps
            "y",                       // said still interested
            "y",                       // note sent
            "Card",                    // channel
            "2026-03-10",              // note date
            "Riley Park", "Contoso", "Head of Data",
            "Pat Lee", "pat@contoso.example",
            "y", path);

        var result = await CliRun.RunWithInput(input, "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("The ten steps").And.Contain("Riley Park").And.Contain("Due 2026-08-10").And.Contain($"Saved to {path}");
        var parsed = SecondChanceJson.ParseCase(File.ReadAllText(path));
        parsed.Succeeded.Should().BeTrue(string.Join("; ", parsed.Errors));
        var @case = parsed.Case!;
        @case.Candidate.Should().Be("Riley Park");
        @case.Company.Should().Be("Contoso");
        @case.Role.Should().Be("Head of Data");
        @case.Level.Should().Be(JobLevel.MiddleManagement);
        @case.TimeZone.Should().Be("Europe/Berlin");
        @case.Contact.Should().Be(new Contact("Pat Lee", "pat@contoso.example"));
        @case.Events.Should().Equal(
            new Notified(new LocalDate(2026, 3, 9)),
            @case.Events[1],
            new InterestReaffirmed(new LocalDate(2026, 3, 9)),
            new NoteSent(new LocalDate(2026, 3, 10), NoteChannel.Card));
        @case.Events[1].Should().BeOfType<FeedbackRecorded>().Which.Gaps.Should().Equal("less budget ownership", "no German");

        var plan = await CliRun.Run("next", "--case", path, "--today", "2026-03-10", "--json");
        plan.ExitCode.Should().Be(0, plan.Stderr);
        plan.Stdout.Should().Contain("\"dueOn\":\"2026-08-10\"");
        File.Delete(path);
    }

    [Fact]
    public async Task Walk_JustGotTheCall_DefaultsGiveTheFirstSteps()
    {
        var input = Answers("IndividualContributor", "UTC", "", "n", "n", "n", "Sam", "Fabrikam", "Analyst", "", "n");

        var result = await CliRun.RunWithInput(input, "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Next: step 1").And.Contain("Due 2026-03-10 (today)").And.NotContain("Saved to");
    }

    [Theory]
    [InlineData("7", "line 1 (What level is the role?): '7' is not one of the choices")]
    [InlineData("2\nMars/Base", "line 2 (Your time zone (IANA id)): 'Mars/Base' is not a known IANA time zone id")]
    [InlineData("2\nUTC\n2026-03-11", "line 3 (When did they call you? (YYYY-MM-DD)): must not be after today (2026-03-10)")]
    [InlineData("2\nUTC\nyesterday", "line 3 (When did they call you? (YYYY-MM-DD)): 'yesterday' is not a date")]
    [InlineData("2\nUTC\n2026-03-09\nmaybe", "line 4 (Did you ask where you fell short?): 'maybe' is not yes or no")]
    [InlineData("2\nUTC\n2026-03-09\nn\nn\ny\nEmail\n2026-03-08", "line 8 (When did you send it? (YYYY-MM-DD)): must not be before the previous event, the call on 9 March 2026")]
    [InlineData("2\nUTC\n2026-03-09\nn\nn\nn\nRiley\nContoso\nLead\nPat\nnot-an-email", "line 11 (Their email address (empty to skip)): 'not-an-email' is not a valid email address")]
    [InlineData("2\nUTC", "the answers ended before this question: When did they call you?")]
    public async Task Walk_BadScriptedAnswer_ExitsTwoWithTheReason(string answers, string message)
    {
        var result = await CliRun.RunWithInput(answers + "\n", "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(message);
    }

    [Fact]
    public async Task Walk_TooLongName_IsRejectedWithTheLibrarysMessage()
    {
        var input = Answers("2", "UTC", "2026-03-09", "n", "n", "n", new string('x', 201));

        var result = await CliRun.RunWithInput(input, "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("(Your name): must be at most 200 characters (it has 201)");
    }
}
