using System.CommandLine;
using System.Text.Json;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>batch</c>: case documents as NDJSON on stdin, one next-action JSON per line on stdout, in order.
/// A line that cannot be decided yields <c>{"line": N, "errors": [...]}</c> in its place and the batch goes on.
/// </summary>
/// <remarks>
/// It reads one line, writes one line: memory stays flat whatever the input size, and a program that
/// feeds it one case at a time gets each answer straight away.
/// </remarks>
internal static class BatchCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("batch", "Decide many cases: read one case document per line (NDJSON) on stdin, write one next-action JSON per line on stdout.")
        {
            options.Today,
        };

        command.SetAction(async (_, cancellationToken) =>
        {
            var engine = session.Engine; // A bad rule file stops the batch before any output.
            var number = 0;
            while (await session.Stdin.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                await session.Stdout.WriteLineAsync(DecideLine(session, engine, line, number));
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static string DecideLine(CliSession session, PlaybookEngine engine, string line, int number)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return Errors(number, ["$: the line is empty; expected a case document"]);
        }

        var parsed = SecondChanceJson.ParseCase(line);
        if (!parsed.Succeeded)
        {
            return Errors(number, parsed.Errors.Select(e => e.ToString()));
        }

        var @case = parsed.Case!;
        var decision = engine.Decide(@case, session.TodayFor(@case));
        return decision.IsValid
            ? SecondChanceJson.Serialize(decision.Next)
            : Errors(number, decision.Errors.Select(e => e.ToString()));
    }

    private static string Errors(int line, IEnumerable<string> errors) =>
        JsonSerializer.Serialize(new LineErrors(line, errors.ToArray()), SecondChanceJson.Options);

    /// <summary>The batch output for a line that could not be decided.</summary>
    private sealed record LineErrors(int Line, IReadOnlyList<string> Errors);
}
