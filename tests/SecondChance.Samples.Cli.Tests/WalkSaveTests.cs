using NodaTime.Testing;
using SecondChance.Samples.Cli.Commands;
using SecondChance.Samples.Cli.Tests.Support;
using SecondChance.Samples.Cli.Walk;
using SecondChance.Serialization;
using Spectre.Console;
using Spectre.Console.Testing;

namespace SecondChance.Samples.Cli.Tests;

/// <summary>The end of walk: no way of answering the save questions loses the answers given before.</summary>
public sealed class WalkSaveTests : IDisposable
{
    // Level, zone, call date, no feedback, no interest, no note, name, company, role, no contact.
    private static readonly string[] Session = ["2", "UTC", "2026-03-09", "n", "n", "n", "Riley Park", "Contoso", "Lead", ""];

    private readonly string _folder = Directory.CreateTempSubdirectory("walk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<CliResult> Scripted(params string[] saveAnswers) =>
        CliRun.RunWithInput(string.Join('\n', [.. Session, .. saveAnswers]) + "\n", "walk", "--today", "2026-03-10");

    private static void ShouldParseAsRiley(string path) =>
        SecondChanceJson.ParseCase(File.ReadAllText(path)).Case!.Candidate.Should().Be("Riley Park");

    [Fact]
    public async Task MissingFolder_CreateIt_SavesThere()
    {
        var path = Path.Combine(_folder, "new", "riley.json");

        var result = await Scripted("y", path, "Create the folder");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("does not exist. What now?").And.Contain($"Saved to {path}");
        ShouldParseAsRiley(path);
    }

    [Fact]
    public async Task MissingFolder_AnotherName_AsksAgain()
    {
        var path = Path.Combine(_folder, "riley.json");

        var result = await Scripted("y", Path.Combine(_folder, "nope", "x.json"), "2", path);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldParseAsRiley(path);
        Directory.Exists(Path.Combine(_folder, "nope")).Should().BeFalse();
    }

    [Fact]
    public async Task ExistingFile_KeepIt_AsksForAnotherNameAndLeavesTheOldFile()
    {
        var taken = Path.Combine(_folder, "taken.json");
        File.WriteAllText(taken, "keep me");
        var path = Path.Combine(_folder, "riley.json");

        var result = await Scripted("y", taken, "Choose another name", path);

        result.ExitCode.Should().Be(0, result.Stderr);
        File.ReadAllText(taken).Should().Be("keep me");
        ShouldParseAsRiley(path);
    }

    [Fact]
    public async Task ExistingFile_Replace_ReplacesIt()
    {
        var taken = Path.Combine(_folder, "taken.json");
        File.WriteAllText(taken, "old");

        var result = await Scripted("y", taken, "1");

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldParseAsRiley(taken);
    }

    [Fact]
    public async Task ShowHere_PrintsTheCaseToCopy()
    {
        var result = await Scripted("y", Path.Combine(_folder, "nope", "x.json"), "Show the case here to copy");

        result.ExitCode.Should().Be(0, result.Stderr);
        var json = result.Stdout[result.Stdout.IndexOf("Your case file, to copy", StringComparison.Ordinal)..].Split('\n', 2)[1];
        SecondChanceJson.ParseCase(json).Case!.Candidate.Should().Be("Riley Park");
    }

    [Fact]
    public async Task AnswersEndWhileSaving_StillShowTheCase()
    {
        var result = await Scripted("y", Path.Combine(_folder, "nope", "x.json"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("the answers ended before this question");
        result.Stdout.Should().Contain("Your case file, to copy").And.Contain("\"candidate\": \"Riley Park\"");
    }

    [Fact]
    public async Task NotSaving_SaysSo()
    {
        var result = await Scripted("n");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("Not saved.");
    }

    [Fact]
    public async Task EmptyRequiredAnswer_SaysWhy()
    {
        var result = await CliRun.RunWithInput(string.Join('\n', [.. Session[..6], ""]) + "\n", "walk", "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("line 7 (Your name): must not be empty");
    }

    [Fact]
    public async Task NoContact_SkipsTheEmailQuestion()
    {
        var path = Path.Combine(_folder, "riley.json");

        var result = await Scripted("y", path);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().NotContain("Their email address");
        File.Exists(path).Should().BeTrue();
        File.Exists("y").Should().BeFalse();
    }

    private CliSession InteractiveSession(TestConsole console) =>
        new(TextReader.Null, TextWriter.Null, TextWriter.Null, new FakeClock(CliRun.Now), new CliTerminal(true, true, NoColor: false), console)
        {
            Today = new LocalDate(2026, 3, 10),
        };

    private static TestConsole Console()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 100;
        return console;
    }

    private static void Type(TestConsole console, params string[] lines)
    {
        foreach (var line in lines)
        {
            console.Input.PushTextWithEnter(line);
        }
    }

    private static void ChooseLevel(TestConsole console) => console.Input.PushKey(ConsoleKey.Enter); // The first level.

    [Fact]
    public void Interactive_MissingFolderAndEmptyName_AskAgainAndSave()
    {
        var console = Console();
        var path = Path.Combine(_folder, "sub", "riley.json");
        ChooseLevel(console);
        Type(console, "UTC", "2026-03-09", "n", "n", "n", string.Empty, "Riley Park", "Contoso", "Lead", string.Empty, "y", path);
        console.Input.PushKey(ConsoleKey.Enter); // "Create the folder", the first choice.

        var code = WalkCommand.Walk(InteractiveSession(console), new InteractivePrompter(console));

        code.Should().Be(0, console.Output);
        console.Output.Should().Contain("must not be empty").And.Contain("does not exist").And.Contain($"Saved to {path}");
        ShouldParseAsRiley(path);
    }

    [Fact]
    public void Interactive_ExistingFileKept_AsksAgain()
    {
        var console = Console();
        var taken = Path.Combine(_folder, "taken.json");
        File.WriteAllText(taken, "keep me");
        var path = Path.Combine(_folder, "riley.json");
        ChooseLevel(console);
        Type(console, "UTC", "2026-03-09", "n", "n", "n", "Riley Park", "Contoso", "Lead", string.Empty, "y", taken);
        console.Input.PushKey(ConsoleKey.DownArrow);
        console.Input.PushKey(ConsoleKey.Enter); // "Choose another name".
        Type(console, path);

        var code = WalkCommand.Walk(InteractiveSession(console), new InteractivePrompter(console));

        code.Should().Be(0, console.Output);
        File.ReadAllText(taken).Should().Be("keep me");
        ShouldParseAsRiley(path);
    }

    [Fact]
    public void RestoreCursor_WritesTheShowCursorSequence()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, Out = new AnsiConsoleOutput(output) });
        console.Cursor.Show(false);

        WalkCommand.RestoreCursor(console);

        output.ToString().Should().EndWith("\u001b[?25h");
    }
}
