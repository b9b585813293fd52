using System.CommandLine;
using System.Text.Json;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>plan --case FILE [--json]</c>: all ten steps of the playbook for one case, as a timeline.</summary>
internal static class PlanCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("plan", "Show all ten steps for a case: what is done, what is next, and what comes after, with dates.")
        {
            options.Case,
            options.Today,
            options.Json,
        };

        command.SetAction(parsed =>
        {
            var @case = CliSession.LoadCase(parsed.GetRequiredValue(options.Case));
            var plan = session.Plan(@case);
            if (parsed.GetValue(options.Json))
            {
                session.Stdout.WriteLine(JsonSerializer.Serialize(plan, SecondChanceJson.Options));
            }
            else
            {
                CaseView.WritePlan(session.Console, plan);
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
