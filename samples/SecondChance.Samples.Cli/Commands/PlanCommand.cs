using System.CommandLine;
using System.Text.Json;
using SecondChance.Samples.Cli.Outcomes;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>plan --case FILE [--outcomes FILE.ndjson] [--json]</c>: all ten steps of the playbook for one case, as a timeline.</summary>
internal static class PlanCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("plan", "Show all ten steps for a case: what is done, what is next, and what comes after, with dates.")
        {
            options.Case,
            options.Today,
            options.Outcomes,
            options.Json,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var @case = CliSession.LoadCase(parsed.GetRequiredValue(options.Case));
            var report = await OutcomesFile.ReadOptionalAsync(session, parsed.GetValue(options.Outcomes), cancellationToken);
            var plan = report is null ? session.Plan(@case) : session.Plan(@case).WithChance(report);
            if (parsed.GetValue(options.Json))
            {
                await session.Stdout.WriteLineAsync(JsonSerializer.Serialize(plan, SecondChanceJson.Options));
            }
            else
            {
                CaseView.WritePlan(session, plan, plan.Next?.Chance);
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
