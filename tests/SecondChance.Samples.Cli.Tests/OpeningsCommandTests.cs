using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class OpeningsCommandTests
{
    [Fact]
    public async Task Openings_BundledFiles_PrintsEachMatchedCaseWithReasonsAndTheNewNextAction()
    {
        var result = await CliRun.Run("openings", "--cases", Paths.Outcomes, "--openings", Paths.Openings);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain("Mobile Developer at Contoso (cases line 8)")
            .And.Contain("Reopened (score 100): \"Mobile Developer (Remote)\" at Contoso Ltd., posted 2026-02-02 https://jobs.example/contoso/1001 (openings line 1)")
            .And.Contain("  - same company: 'contoso'")
            .And.Contain("Next: FollowUp (step 7) due 2026-02-03 by rule FollowUpOnOpening")
            .And.Contain("Risk Manager at Woodgrove Bank (cases line 20)")
            .And.Contain("Similar (score 100): \"Senior Risk Manager\"")
            .And.Contain("  - seniority differs: (none) and senior")
            .And.Contain("VP Sales at Proseware (cases line 28)")
            .And.Contain("Next: FollowUp (step 7) due 2026-03-06 by rule FollowUpOnOpening");
        result.Stdout.Should().NotContain("Fabrikam", "every Fabrikam case is closed").And.NotContain("Barista");
    }

    [Fact]
    public async Task Openings_Json_OneLinePerMatchedCaseInPostingOrder()
    {
        var result = await CliRun.Run("openings", "--cases", Paths.Outcomes, "--openings", Paths.Openings, "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        var lines = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        lines.Select(l => l.GetProperty("caseLine").GetInt64()).Should().Equal(8, 20, 28);
        lines.Select(l => l.GetProperty("openingLine").GetInt64()).Should().Equal(1, 2, 4);
        lines.Select(l => l.GetProperty("match").GetString()).Should().Equal("Reopened", "Similar", "Reopened");
        lines.Should().OnlyContain(l => l.GetProperty("next").GetProperty("rule").GetString() == "FollowUpOnOpening" && l.GetProperty("next").GetProperty("step").GetInt32() == 7);
        lines[1].GetProperty("openingOnlyWords").EnumerateArray().Select(w => w.GetString()).Should().Equal("senior");
        lines[1].GetProperty("next").GetProperty("guidance").GetString().Should().Contain("\u201cSenior Risk Manager\u201d").And.Contain("interested in this role too");
        lines[0].GetProperty("next").GetProperty("dueOn").GetString().Should().Be("2026-02-03");
        lines[0].GetProperty("next").GetProperty("overdue").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Openings_BadLines_ExitTwoNamingEachFileAndLine()
    {
        var cases = Paths.TempFile(File.ReadLines(Paths.Outcomes).First() + "\n\n{ not json\n" + """{"candidate":"A","company":"C","role":"R","level":"Boss","events":[{"type":"Notified","on":"2026-01-01"}]}""" + "\n", ".ndjson");
        var openings = Paths.TempFile("""
            {"company":"Contoso","title":"Engineering Manager","postedOn":"2026-02-01"}
            {"company":"Contoso","postedOn":"2026-02-31"}
            {"company":"Contoso","title":"Engineering Manager","postedOn":"2026-03-01","url":"ftp://x"}
            {"company":"Contoso","title":"Engineering Manager","postedOn":"2026-04-01"}
            """, ".ndjson");

        var result = await CliRun.Run("openings", "--cases", cases, "--openings", openings, "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().Contain(l => l.StartsWith($"cases file '{cases}', line 3: $: is not valid JSON", StringComparison.Ordinal))
            .And.Contain($"cases file '{cases}', line 4: level: 'Boss' is not a known job level; use one of IndividualContributor, MiddleManagement, SeniorExecutive")
            .And.Contain($"openings file '{openings}', line 2: title: is required")
            .And.Contain(l => l.StartsWith($"openings file '{openings}', line 2: postedOn: 2026-02-31 is not a day in", StringComparison.Ordinal))
            .And.Contain($"openings file '{openings}', line 3: url: 'ftp://x' is not an absolute http or https address of at most 2000 characters")
            .And.Contain($"openings file '{openings}', line 4: postedOn: must not be after today (2026-03-10)");
        result.StderrLines.Should().NotContain(l => l.Contains("line 1:", StringComparison.Ordinal) || l.Contains("line 2:", StringComparison.Ordinal) && l.StartsWith("cases", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Openings_NothingMatches_SaysSoAndExitsZero()
    {
        var openings = Paths.TempFile("""{"company":"Nobody Ltd","title":"Engineering Manager","postedOn":"2026-03-01"}""" + "\n", ".ndjson");

        var result = await CliRun.Run("openings", "--cases", Paths.Outcomes, "--openings", openings);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Trim().Should().Be("No open case matches these openings (11 open cases, 1 openings).");
    }

    [Fact]
    public async Task Openings_MissingFile_ExitsTwo()
    {
        var result = await CliRun.Run("openings", "--cases", Paths.Outcomes, "--openings", "no-such-openings.ndjson");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("openings file 'no-such-openings.ndjson' was not found");
    }
}
