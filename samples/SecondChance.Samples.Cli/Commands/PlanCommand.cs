using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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
            var plan = session.Plan(@case);
            var next = plan.Decision.Next;
            var outcomes = parsed.GetValue(options.Outcomes);
            if (outcomes is not null)
            {
                var report = await OutcomesFile.ReadAsync(session, outcomes, "outcomes", cancellationToken);
                next = next.WithChance(report, @case.Level);
            }

            if (parsed.GetValue(options.Json))
            {
                var json = JsonSerializer.Serialize(plan, SecondChanceJson.Options);
                if (outcomes is not null)
                {
                    // The plan's "next" is the library's next action; with outcomes it carries the chance as well.
                    var document = JsonNode.Parse(json)!.AsObject();
                    document["next"] = JsonNode.Parse(SecondChanceJson.Serialize(next));
                    json = document.ToJsonString(SecondChanceJson.Options);
                }

                await session.Stdout.WriteLineAsync(json);
            }
            else
            {
                CaseView.WritePlan(session.Console, plan, next.Chance);
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
