using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class NoteCommandTests
{
    private const string Gap = "has not led a team of 10 or more";

    [Fact]
    public async Task Draft_AlexWithTheBundledEvidence_IsTheCompleteEmailWithNothingMissing()
    {
        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", Paths.Note("alex-evidence.json"), "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.StdoutLines.Should().Equal(
            "Subject: Thank you for the call about the Engineering Manager role",
            "Dear Pat Lee,",
            "Thank you for calling me about the Engineering Manager role and for being so candid about where the other candidate came out ahead. Feedback that direct is rare, and it helps.",
            $"On your point \"{Gap}\": Since 2024 I have led 12 engineers through two launches, and grew the team from 5 to 12.",
            "I am still very interested in the Engineering Manager role and in Contoso. If anything changes, or a similar role opens, I would be glad to talk again.",
            "Best regards,",
            "Alex Rivera");
    }

    [Fact]
    public async Task Draft_TheDraftWithEvidence_PassesTheCheck()
    {
        var draft = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", Paths.Note("alex-evidence.json"), "--today", "2026-03-10");
        var file = Paths.TempFile(draft.Stdout, ".txt");

        var check = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", file, "--today", "2026-03-10", "--json");

        check.ExitCode.Should().Be(0, check.Stderr);
        JsonDocument.Parse(check.Stdout).RootElement.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Draft_SamAsCardWithoutEvidence_LeavesPromptsAndListsTheMissingGapsOnStderr()
    {
        var result = await CliRun.Run("note", "draft", "--case", Paths.Sam, "--channel", "card", "--today", "2026-12-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StdoutLines[0].Should().Be("Dear Jordan Blake,");
        result.Stdout.Should().NotContain("Subject:")
            .And.Contain("[ADD AN EXAMPLE: one concrete case that answers \"less hands-on SQL performance tuning\"")
            .And.Contain("[ADD AN EXAMPLE: one concrete case that answers \"no experience with the retail domain\"");
        result.StderrLines.Should().Equal(
            "2 gaps still need an example; replace each [ADD AN EXAMPLE ...] before sending:",
            "- less hands-on SQL performance tuning",
            "- no experience with the retail domain");
    }

    [Fact]
    public async Task Draft_EvidenceForAGapTheCaseDoesNotHave_IsReportedAndTheRealGapStillMissing()
    {
        var evidence = Paths.TempFile("{ \"speaks no Klingon\": \"I ordered 3 coffees in Klingon.\" }");

        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", evidence, "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StderrLines.Should().Equal(
            "evidence for \"speaks no Klingon\" matches no gap recorded in the case; it was not used",
            "1 gap still needs an example; replace each [ADD AN EXAMPLE ...] before sending:",
            $"- {Gap}");
    }

    [Fact]
    public async Task Draft_LetterChannel_HasNoSubjectLine()
    {
        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", Paths.Note("alex-evidence.json"), "--channel", "Letter", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("Subject:").And.Contain("Alex Rivera");
    }

    [Theory]
    [InlineData("{ \"has not led a team of 10 or more\": ", "evidence file '{0}': evidence: not valid JSON: ")]
    [InlineData("[\"led 12 people\"]", "evidence file '{0}': evidence: must be an object that maps each recorded gap to your example")]
    [InlineData("{ \"has not led a team of 10 or more\": 12 }", "evidence file '{0}': evidence[\"has not led a team of 10 or more\"]: must be a string: your example in your own words")]
    public async Task Draft_BadEvidenceFile_ExitsTwoWithTheProblem(string json, string expected)
    {
        var file = Paths.TempFile(json);

        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", file, "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, file));
    }

    [Fact]
    public async Task Draft_MissingEvidenceFile_ExitsTwo()
    {
        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--evidence", "/nonexistent/evidence.json");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("evidence file '/nonexistent/evidence.json' was not found (no such folder)");
    }

    [Fact]
    public async Task Draft_UnknownChannel_ExitsTwoWithUsageHint()
    {
        var result = await CliRun.Run("note", "draft", "--case", Paths.Alex, "--channel", "Pigeon");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal("--channel: 'Pigeon' is not a channel; use Email, Card, Letter.", "Run 'secondchance --help' for usage.");
    }

    [Fact]
    public async Task Check_TheBundledGoodNote_ExitsZeroWithNoFindings()
    {
        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", Paths.Note("alex-note.txt"), "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().StartWith("No findings:");
    }

    [Fact]
    public async Task Check_TheBundledDefensiveNote_ExitsTwoWithArgumentativeFindingsInATable()
    {
        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", Paths.Note("alex-note-defensive.txt"), "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal($"note '{Paths.Note("alex-note-defensive.txt")}' has 3 errors and 2 warnings; fix the errors before sending it");
        result.Stdout.Should().Contain("│ Severity │ Code          │ Line │")
            .And.MatchRegex(@"│ error    │ Argumentative │    5 │ ""wrong decision"" argues with their")
            .And.MatchRegex(@"│ warning  │ Defensive     │    7 │ ""not accurate"" sounds defensive")
            .And.Contain("3 errors, 2 warnings: fix the errors before sending.");
        result.StdoutLines.Should().OnlyContain(l => l.Length <= 80);
    }

    [Fact]
    public async Task Check_Json_IsTheArrayOfFindingsWithEveryField()
    {
        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", Paths.Note("alex-note-defensive.txt"), "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(2);
        using var doc = JsonDocument.Parse(result.Stdout);
        var findings = doc.RootElement.EnumerateArray().ToArray();
        findings.Select(f => (f.GetProperty("severity").GetString(), f.GetProperty("code").GetString(), f.GetProperty("excerpt").GetString(), f.GetProperty("line").GetInt32()))
            .Should().Equal(
                ("Error", "Argumentative", "wrong decision", 5),
                ("Warning", "Defensive", "With all due respect", 5),
                ("Error", "Argumentative", "better qualified than", 5),
                ("Error", "Argumentative", "you overlooked", 5),
                ("Warning", "Defensive", "not accurate", 7));
        findings[0].EnumerateObject().Select(p => p.Name).Should().Equal("severity", "code", "reason", "line", "excerpt", "offset");
        findings[0].GetProperty("reason").GetString().Should().StartWith("\"wrong decision\" argues with their decision.");
    }

    [Fact]
    public async Task Check_WarningsOnly_ExitsZero()
    {
        var text = File.ReadAllText(Paths.Note("alex-note.txt")).Replace("I appreciate it.", "to be fair, I appreciate it.", StringComparison.Ordinal);

        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", Paths.TempFile(text, ".txt"), "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.EnumerateArray().Select(f => f.GetProperty("code").GetString()).Should().Equal("Defensive");
    }

    [Fact]
    public async Task Check_MissingNoteFile_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-note.txt");

        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", path);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal($"note file '{path}' was not found");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_InvalidCase_ExitsTwoWithTheFieldPaths()
    {
        var result = await CliRun.Run("note", "check", "--case", Paths.Alex, "--note", Paths.Note("alex-note.txt"), "--today", "2026-03-05");

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal(Enumerable.Range(0, 4).Select(i => $"events[{i}].on: must not be after today (2026-03-05)"));
        result.Stdout.Should().BeEmpty();
    }
}
