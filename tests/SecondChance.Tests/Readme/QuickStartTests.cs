using System.Text.RegularExpressions;
using SecondChance.Tests.Support;

namespace SecondChance.Tests.Readme;

/// <summary>The README's quick start is this code: it compiles here, runs, and the README shows it verbatim.</summary>
public partial class QuickStartTests
{
    private static void QuickStart(TextWriter console)
    {
        #region quickstart
        var engine = new PlaybookEngine();

        var runnerUp = new RunnerUpCase
        {
            Candidate = "Alex Rivera",
            Company = "Contoso",
            Role = "Engineering Manager",
            Level = JobLevel.MiddleManagement,
            TimeZone = "America/Los_Angeles",
            Events =
            [
                new Notified(new LocalDate(2026, 3, 6)),
                new FeedbackRecorded(new LocalDate(2026, 3, 6), ["has not led a team of 10 or more"]),
                new InterestReaffirmed(new LocalDate(2026, 3, 6)),
                new NoteSent(new LocalDate(2026, 3, 6), NoteChannel.Email),
            ],
        };

        var decision = engine.Decide(runnerUp, new LocalDate(2026, 3, 10));
        if (decision.IsValid)
        {
            // FollowUp (step 7) due 2026-08-06, window 2026-07-23 to 2026-08-20
            console.WriteLine($"{decision.Next.Action} (step {decision.Next.Step}) due {decision.Next.DueOn}");
            console.WriteLine(decision.Explain());
        }
        else
        {
            foreach (var error in decision.Errors)
            {
                console.WriteLine(error); // e.g. "events[3].on: must not be before the previous event, the call on 6 March 2026"
            }
        }
        #endregion
    }

    [Fact]
    public void QuickStart_RunsAndPrintsTheFollowUp()
    {
        var output = new StringWriter();

        QuickStart(output);

        output.ToString().Should().StartWith("FollowUp (step 7) due Thursday, 06 August 2026").And.Contain("Rule 'FollowUp' matched");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/SecondChance/PACKAGE.md")]
    public void Readme_ShowsTheQuickStartVerbatim(string file)
    {
        var source = File.ReadAllText(Path.Combine(TestCases.RepoRoot(), "tests", "SecondChance.Tests", "Readme", "QuickStartTests.cs"));
        var region = Region().Match(source).Groups[1].Value;
        var snippet = string.Join("\n", region.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.Trim())).Trim().Replace("console.WriteLine", "Console.WriteLine");
        var readme = File.ReadAllText(Path.Combine(TestCases.RepoRoot(), file)).ReplaceLineEndings("\n");

        readme.Should().Contain(snippet);
    }

    [GeneratedRegex(@"#region quickstart\r?\n(.*?)\r?\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
