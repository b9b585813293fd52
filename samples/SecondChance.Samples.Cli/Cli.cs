using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using NodaTime;
using NodaTime.Text;
using SecondChance.Rules;
using SecondChance.Samples.Cli.Commands;

namespace SecondChance.Samples.Cli;

/// <summary>
/// The <c>secondchance</c> command line: parses arguments, calls the SecondChance library and presents
/// the result. <see cref="RunAsync(string[], TextReader, TextWriter, TextWriter, IClock)"/> is the whole
/// program, so tests run it in-process exactly as a user would.
/// </summary>
internal static class Cli
{
    /// <summary>Runs the CLI with redirected (non-terminal) input and output: plain text, answers read line by line.</summary>
    /// <returns>The exit code: 0 success, 2 invalid input, 1 unexpected failure.</returns>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IClock clock) =>
        RunAsync(args, stdin, stdout, stderr, clock, CliTerminal.Redirected);

    /// <summary>Runs the CLI.</summary>
    /// <returns>The exit code: 0 success, 2 invalid input, 1 unexpected failure.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IClock clock, CliTerminal terminal)
    {
        ArgumentNullException.ThrowIfNull(args);

        // Every line on stderr is for people and may quote input (a file name, a field, a rule): never raw control codes.
        stderr = new Presentation.SafeWriter(stderr);
        var session = new CliSession(stdin, stdout, stderr, clock, terminal);
        var options = new GlobalOptions();
        var root = BuildRoot(session, options);

        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception ex)
        {
            return Fail(stderr, ex, verbose: args.Contains("--verbose"));
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync("Run 'secondchance --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        var verbose = parsed.GetValue(options.Verbose);
        session.RulesPath = parsed.GetValue(options.Rules);
        session.RulesMode = parsed.GetValue(options.RulesMode);
        session.Today = parsed.GetValue(options.Today);
        session.Verbose = verbose;

        try
        {
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            var code = await parsed.InvokeAsync(config);
            await stdout.FlushAsync();
            return code;
        }
        catch (InvalidInputException ex)
        {
            foreach (var message in ex.Messages)
            {
                await stderr.WriteLineAsync(message);
            }

            return ExitCodes.InvalidInput;
        }
        catch (Exception ex)
        {
            return Fail(stderr, ex, verbose);
        }
    }

    private static int Fail(TextWriter stderr, Exception ex, bool verbose)
    {
        stderr.WriteLine(verbose ? ex.ToString() : $"error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (run with --verbose for details)");
        return ExitCodes.Failure;
    }

    private static Command BuildRoot(CliSession session, GlobalOptions options)
    {
        // A named command rather than RootCommand, so help says "secondchance" however the program was started.
        var root = new Command("secondchance", "Tells a runner-up candidate what to do next, by when and why: the next step, the whole plan, batch decisions, a guided first session, the thank-you note, a calendar, outcome statistics and an opening watch.")
        {
            new HelpOption(),
            new VersionOption(),
            options.Rules,
            options.RulesMode,
            options.Verbose,
        };

        root.Add(NextCommand.Create(session, options));
        root.Add(PlanCommand.Create(session, options));
        root.Add(BatchCommand.Create(session, options));
        root.Add(WalkCommand.Create(session, options));
        root.Add(RecordCommand.Create(session, options));
        root.Add(RulesCommand.Create(session));
        root.Add(NoteCommand.Create(session, options));
        root.Add(IcsCommand.Create(session, options));
        root.Add(StatsCommand.Create(session, options));
        root.Add(OpeningsCommand.Create(session, options));
        return root;
    }

    /// <summary>Options shared by several commands.</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> Rules { get; } = new("--rules")
        {
            Description = "A rule file (RulesEngine workflow JSON) to decide with instead of the default rules.",
            HelpName = "FILE",
            Recursive = true,
        };

        public Option<RuleSetMode?> RulesMode { get; } = new("--rules-mode")
        {
            Description = "How --rules relates to the default rules: replace them, or extend them (its rules are checked first). Default: what the file declares, else replace.",
            HelpName = "replace|extend",
            Recursive = true,
            CustomParser = ParseMode,
        };

        public Option<bool> Verbose { get; } = new("--verbose")
        {
            Description = "Show technical detail: the rule behind each decision, and the stack trace of an unexpected failure.",
            Recursive = true,
        };

        public Option<LocalDate?> Today { get; } = new("--today")
        {
            Description = "The date to decide for (YYYY-MM-DD). Default: today's date in the case's time zone.",
            HelpName = "YYYY-MM-DD",
            CustomParser = ParseDate,
        };

        public Option<string> Case { get; } = new("--case")
        {
            Description = "The case document (JSON) to read.",
            HelpName = "FILE",
            Required = true,
        };

        public Option<string?> Outcomes { get; } = new("--outcomes")
        {
            Description = "Past cases (one case document per line) to calibrate the chance that this case comes back.",
            HelpName = "FILE.ndjson",
        };

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "Print JSON instead of text.",
        };

        private static LocalDate? ParseDate(ArgumentResult result)
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!SecondChance.Serialization.SecondChanceJson.TryParseDate(text, out var date, out var problem))
            {
                result.AddError($"--today: {problem}");
                return null;
            }

            return date;
        }

        private static RuleSetMode? ParseMode(ArgumentResult result)
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            switch (text.ToUpperInvariant())
            {
                case "REPLACE":
                    return RuleSetMode.Replace;
                case "EXTEND":
                    return RuleSetMode.Extend;
                default:
                    result.AddError($"--rules-mode: '{text}' is not a mode; use replace or extend.");
                    return RuleSetMode.Replace;
            }
        }
    }
}
