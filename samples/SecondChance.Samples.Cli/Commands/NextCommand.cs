using System.CommandLine;
using SecondChance.Samples.Cli.Outcomes;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>next --case FILE [--outcomes FILE.ndjson] [--json]</c>: the next action for one case.</summary>
internal static class NextCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("next", "Show the next action for a case: what to do, by when, and why.")
        {
            options.Case,
            options.Today,
            options.Outcomes,
            options.Json,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var @case = CliSession.LoadCase(parsed.GetRequiredValue(options.Case));
            var decision = session.Decide(@case);
            var report = await OutcomesFile.ReadOptionalAsync(session, parsed.GetValue(options.Outcomes), cancellationToken);
            var next = report is null ? decision.Next : decision.Next.WithChance(report, @case.Level);

            if (parsed.GetValue(options.Json))
            {
                await session.Stdout.WriteLineAsync(SecondChanceJson.Serialize(next));
            }
            else
            {
                CaseView.WriteNext(session, decision, next.Chance);
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
