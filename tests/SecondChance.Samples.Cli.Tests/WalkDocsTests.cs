using System.Text.RegularExpressions;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

/// <summary>The scripted walk in docs/cli.md is what a real run prints, question for question.</summary>
public partial class WalkDocsTests
{
    [Fact]
    public async Task DocumentedWalk_AnswersInTheirOrder_PrintExactlyTheDocumentedSession()
    {
        var doc = File.ReadAllLines(Path.Combine(Paths.Root, "docs", "cli.md"));
        var start = Array.FindIndex(doc, l => l.StartsWith("$ secondchance walk --today 2026-03-10 < answers.txt", StringComparison.Ordinal));
        start.Should().BePositive("docs/cli.md shows a scripted walk");
        var end = Array.FindIndex(doc, start, l => l == "```");
        var shown = doc[(start + 1)..end];
        var saveAt = Array.FindIndex(shown, l => l.StartsWith("? File name", StringComparison.Ordinal));
        saveAt.Should().BePositive();

        // Each question ends on the first line holding ": "; the answer follows it.
        var answers = new List<string>();
        var inQuestion = false;
        foreach (var line in shown[..saveAt])
        {
            inQuestion |= line.StartsWith("? ", StringComparison.Ordinal);
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            if (inQuestion && (colon >= 0 || line.EndsWith(':')))
            {
                answers.Add(colon >= 0 ? line[(colon + 2)..] : string.Empty);
                inQuestion = false;
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"walk-doc-{Guid.NewGuid():N}.json");
        var result = await CliRun.RunWithInput(string.Join('\n', [.. answers, path]) + "\n", "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        File.Delete(path);
        var actual = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r'));
        Normal(actual.TakeWhile(l => !l.StartsWith("? File name", StringComparison.Ordinal)))
            .Should().Equal(Normal(shown[..saveAt]));
    }

    [Fact]
    public void ScriptedAnswerTable_SaysTheEmailQuestionComesOnlyAfterAName()
    {
        var doc = File.ReadAllText(Path.Combine(Paths.Root, "docs", "cli.md"));

        doc.Should().Contain("| then | who called (empty to skip) | text |")
            .And.Contain("| then | (only if someone was named) their email (empty to skip) | text |");
    }

    // The time zone's default is the machine's own.
    private static string[] Normal(IEnumerable<string> lines) =>
        lines.Select(l => ZoneDefault().Replace(l.TrimEnd(), "(IANA id) [zone]:")).ToArray();

    [GeneratedRegex(@"\(IANA id\) \[[^\]]*\]:")]
    private static partial Regex ZoneDefault();
}
