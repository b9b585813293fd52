using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>batch</c>: case documents as NDJSON on stdin, one next-action JSON per line on stdout, in order.
/// A line that cannot be decided yields <c>{"line": N, "errors": [...]}</c> in its place and the batch goes on.
/// A summary goes to stderr at the end; the exit code is 2 when lines were read and none could be decided.
/// </summary>
/// <remarks>
/// It reads one line, writes one line: memory stays flat whatever the input size, and a program that
/// feeds it one case at a time gets each answer straight away. A line longer than <c>--max-line-length</c>
/// is never held in memory: it is read to its end, answered with an error, and the batch goes on.
/// </remarks>
internal static class BatchCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var maxLineLength = new Option<int>("--max-line-length")
        {
            Description = "The longest line read, in characters (default 1,048,576): a longer line is skipped without being held in memory and answered with an error.",
            HelpName = "N",
            DefaultValueFactory = _ => BoundedLineReader.DefaultMaxLength,
        };
        maxLineLength.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-line-length: must be a whole number of at least 1");
            }
        });

        var command = new Command("batch", "Decide many cases: read one case document per line (NDJSON) on stdin, write one next-action JSON per line on stdout.")
        {
            options.Today,
            maxLineLength,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var limit = parsed.GetValue(maxLineLength);
            var engine = session.Engine; // A bad rule file stops the batch before any output.
            if (session.Terminal.IsInputTerminal)
            {
                await session.Stderr.WriteLineAsync("batch: reading case documents from the terminal, one JSON object per line; end with Ctrl-D. To decide a file: secondchance batch < cases.ndjson");
            }

            var number = 0;
            var decided = 0;
            var reader = new BoundedLineReader(session.Stdin, limit);
            while (await reader.ReadLineAsync(cancellationToken) is { } read)
            {
                number++;
                if (read.Text is not { } line)
                {
                    await session.Stdout.WriteLineAsync(Errors(number, [string.Create(CultureInfo.InvariantCulture, $"$: the line is {read.Length:N0} characters long; lines of at most {limit:N0} are read (--max-line-length), so it was skipped")]));
                    continue;
                }

                if (decided == 0 && number == 1 && line.TrimStart().StartsWith('['))
                {
                    await session.Stderr.WriteLineAsync("batch reads one case per line (NDJSON), not a JSON array; convert with jq -c '.[]' < cases.json | secondchance batch");
                    return ExitCodes.InvalidInput;
                }

                var (answer, ok) = DecideLine(session, engine, line, number);
                decided += ok ? 1 : 0;
                await session.Stdout.WriteLineAsync(answer);
            }

            var refused = number - decided;
            await session.Stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"batch: decided {decided:N0}, refused {refused:N0}"));
            if (refused > 0 && decided == 0)
            {
                await session.Stderr.WriteLineAsync("batch: no line could be decided; the errors are in the output, one line each");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static (string Answer, bool Decided) DecideLine(CliSession session, PlaybookEngine engine, string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return (Errors(number, ["$: the line is empty; expected a case document"]), false);
        }

        var parsed = SecondChanceJson.ParseCase(line);
        if (!parsed.Succeeded)
        {
            return (Errors(number, parsed.Errors.Select(e => e.ToString())), false);
        }

        var @case = parsed.Case!;
        var decision = engine.Decide(@case, session.TodayFor(@case));
        return decision.IsValid
            ? (SecondChanceJson.Serialize(decision.Next), true)
            : (Errors(number, decision.Errors.Select(e => e.ToString())), false);
    }

    private static string Errors(int line, IEnumerable<string> errors) =>
        JsonSerializer.Serialize(new LineErrors(line, errors.ToArray()), SecondChanceJson.Options);

    /// <summary>The batch output for a line that could not be decided.</summary>
    private sealed record LineErrors(int Line, IReadOnlyList<string> Errors);
}
