using System.Globalization;
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
            // Prints: FollowUp (step 7) due 2026-08-06, on time from 2026-07-23 to 2026-08-20
            var next = decision.Next;
            console.WriteLine($"{next.Action} (step {next.Step}) due {Iso(next.DueOn)}, on time from {Iso(next.WindowStart)} to {Iso(next.WindowEnd)}");
            console.WriteLine(decision.Explain());
        }
        else
        {
            foreach (var error in decision.Errors)
            {
                console.WriteLine(error); // e.g. "events[3].on: must not be before the previous event, the call on 6 March 2026"
            }
        }

        // Dates in ISO form whatever the machine's culture (a LocalDate's own ToString() follows the culture).
        static string Iso(LocalDate? date) => date?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "-";
        #endregion
    }

    [Fact]
    public void QuickStart_RunsAndPrintsTheFollowUp()
    {
        var output = new StringWriter();

        QuickStart(output);

        output.ToString().Should().StartWith("FollowUp (step 7) due 2026-08-06, on time from 2026-07-23 to 2026-08-20").And.Contain("Rule 'FollowUp' matched");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("")]
    public void QuickStart_PrintsWhatItsCommentSays_InAnyCulture(string culture)
    {
        var source = File.ReadAllText(Path.Combine(TestCases.RepoRoot(), "tests", "SecondChance.Tests", "Readme", "QuickStartTests.cs"));
        var promised = Regex.Match(Region().Match(source).Groups[1].Value, "// Prints: (.*)").Groups[1].Value.Trim();
        var before = CultureInfo.CurrentCulture;
        var output = new StringWriter();
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            QuickStart(output);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        output.ToString().Split('\n')[0].TrimEnd('\r').Should().Be(promised);
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

    [Fact]
    public void Readme_LocalPackageInstructions_NameTheVersionBeingBuilt()
    {
        var props = File.ReadAllText(Path.Combine(TestCases.RepoRoot(), "Directory.Build.props"));
        var version = Regex.Match(props, "<VersionPrefix>(.*?)</VersionPrefix>").Groups[1].Value;
        var readme = File.ReadAllText(Path.Combine(TestCases.RepoRoot(), "README.md"));

        version.Should().NotBeEmpty();
        readme.Should().Contain($"dotnet add package SecondChance --version {version}").And.Contain("dotnet nuget add source");
    }

    [GeneratedRegex(@"#region quickstart\r?\n(.*?)\r?\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
