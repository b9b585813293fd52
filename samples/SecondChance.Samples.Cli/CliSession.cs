using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Planning;
using SecondChance.Rules;
using SecondChance.Serialization;
using Spectre.Console;

namespace SecondChance.Samples.Cli;

/// <summary>One run of the CLI: its streams, clock and terminal, and the global options the user gave.</summary>
internal sealed class CliSession
{
    private const int MaxWidth = 100;

    private PlaybookEngine? _engine;
    private IAnsiConsole? _console;

    public CliSession(TextReader stdin, TextWriter stdout, TextWriter stderr, IClock clock, CliTerminal terminal, IAnsiConsole? console = null)
    {
        if (console is not null)
        {
            Presentation.TerminalText.Attach(console);
        }

        _console = console;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        Clock = clock;
        Terminal = terminal;
    }

    public TextReader Stdin { get; }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public IClock Clock { get; }

    public CliTerminal Terminal { get; }

    /// <summary>Gets or sets the rule file given with <c>--rules</c>, if any.</summary>
    public string? RulesPath { get; set; }

    /// <summary>Gets or sets how the rule file relates to the default rules; <see langword="null"/> takes what the file declares.</summary>
    public RuleSetMode? RulesMode { get; set; }

    /// <summary>Gets or sets whether <c>--verbose</c> was given: technical detail (the rule that fired, stack traces) is shown.</summary>
    public bool Verbose { get; set; }

    /// <summary>Gets or sets the date given with <c>--today</c>, if any.</summary>
    public LocalDate? Today { get; set; }

    /// <summary>Gets the engine, built on first use with the rule set the user chose.</summary>
    /// <exception cref="InvalidInputException">The rule file does not load.</exception>
    public PlaybookEngine Engine => _engine ??= new PlaybookEngine(new PlaybookOptions { RuleSet = LoadRuleSet() });

    /// <summary>Gets a console for standard output: colour on a terminal, plain text otherwise or under <c>NO_COLOR</c>; either way, control characters from input are shown as escapes (<see cref="Presentation.TerminalText"/>).</summary>
    public IAnsiConsole Console => _console ??= CreateConsole();

    /// <summary>Returns "today" for a case: the <c>--today</c> date, or the clock's date in the case's time zone.</summary>
    public LocalDate TodayFor(RunnerUpCase @case) => Today ?? Engine.Today(@case, Clock);

    /// <summary>Decides a case as of <see cref="TodayFor(RunnerUpCase)"/>.</summary>
    /// <exception cref="InvalidInputException">The case is invalid; every error is listed with its field path.</exception>
    public Decision Decide(RunnerUpCase @case)
    {
        var decision = Engine.Decide(@case, TodayFor(@case));
        return decision.IsValid ? decision : throw new InvalidInputException(decision.Errors.Select(e => e.ToString()));
    }

    /// <summary>Plans a case as of <see cref="TodayFor(RunnerUpCase)"/>.</summary>
    /// <exception cref="InvalidInputException">The case is invalid; every error is listed with its field path.</exception>
    public CasePlan Plan(RunnerUpCase @case)
    {
        var plan = Engine.Plan(@case, TodayFor(@case));
        return plan.IsValid ? plan : throw new InvalidInputException(plan.Errors.Select(e => e.ToString()));
    }

    /// <summary>Checks a case as of <see cref="TodayFor(RunnerUpCase)"/>, for commands that do not decide it.</summary>
    /// <exception cref="InvalidInputException">The case is invalid; every error is listed with its field path.</exception>
    public RunnerUpCase Validated(RunnerUpCase @case)
    {
        var errors = Engine.Validate(@case, TodayFor(@case));
        return errors.Count == 0 ? @case : throw new InvalidInputException(errors.Select(e => e.ToString()));
    }

    /// <summary>Reads and parses a case file.</summary>
    /// <exception cref="InvalidInputException">The file is missing, unreadable or not a valid case document.</exception>
    public static RunnerUpCase LoadCase(string path)
    {
        var parsed = SecondChanceJson.ParseCase(ReadText(path, "case"));
        if (!parsed.Succeeded)
        {
            throw new InvalidInputException(parsed.Errors.Select(e => e.ToString()));
        }

        return parsed.Case!;
    }

    /// <summary>Reads a whole text file the user named.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for messages ("case", "note", ...).</param>
    /// <exception cref="InvalidInputException">The file is missing or unreadable.</exception>
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw FileProblem(path, what, ex);
        }
    }

    /// <summary>Opens a text file the user named, for reading line by line.</summary>
    /// <exception cref="InvalidInputException">The file is missing or unreadable.</exception>
    public static StreamReader OpenText(string path, string what)
    {
        try
        {
            return File.OpenText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw FileProblem(path, what, ex);
        }
    }

    /// <summary>Reads a text file the user named line by line, skipping blank lines, with 1-based line numbers.</summary>
    /// <exception cref="InvalidInputException">The file is missing or cannot be read, or a line is longer than <see cref="BoundedLineReader.DefaultMaxLength"/> characters (it is never held in memory).</exception>
    public static async IAsyncEnumerable<(long Number, string Line)> ReadLinesAsync(string path, string what, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var file = OpenText(path, what);
        var reader = new BoundedLineReader(file, BoundedLineReader.DefaultMaxLength);
        var number = 0L;
        while (true)
        {
            BoundedLine? read;
            try
            {
                read = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw FileProblem(path, what, ex);
            }

            if (read is not { } bounded)
            {
                yield break;
            }

            number++;
            if (bounded.Text is not { } line)
            {
                throw new InvalidInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} file '{path}', line {number}: the line is {bounded.Length:N0} characters long; lines of at most {BoundedLineReader.DefaultMaxLength:N0} are read"));
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>Turns a failure to read or write a file into the message the user sees.</summary>
    public static InvalidInputException FileProblem(string path, string what, Exception ex) => ex switch
    {
        FileNotFoundException => new InvalidInputException($"{what} file '{path}' was not found"),
        DirectoryNotFoundException => new InvalidInputException($"{what} file '{path}' was not found (no such folder)"),
        _ => new InvalidInputException($"{what} file '{path}' cannot be read: {ex.Message}"),
    };

    /// <summary>Loads the rule set named by <c>--rules</c>, or the default one.</summary>
    /// <exception cref="InvalidInputException">The rule file does not load; every problem is listed.</exception>
    public PlaybookRuleSet LoadRuleSet()
    {
        if (RulesPath is null)
        {
            return PlaybookRuleSet.Default;
        }

        var result = PlaybookRuleSet.LoadFile(RulesPath, RulesMode);
        if (!result.Succeeded)
        {
            throw new InvalidInputException(result.Problems.Select(p => p.ToString()));
        }

        return result.RuleSet!;
    }

    private IAnsiConsole CreateConsole()
    {
        var ansi = Terminal.UseAnsi;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Terminal.IsInputTerminal && Terminal.IsOutputTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Stdout),
        });

        // Redirected output is laid out for an 80-column reader; a terminal gets its own width, capped for readability.
        console.Profile.Width = Math.Min(Terminal.Width ?? 80, MaxWidth);
        Presentation.TerminalText.Attach(console);
        return console;
    }
}
