using System.CommandLine;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>next --case FILE [--json]</c>: the next action for one case.</summary>
internal static class NextCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("next", "Show the next action for a case: what to do, by when, and why.")
        {
            options.Case,
            options.Today,
            options.Json,
        };

        command.SetAction(parsed =>
        {
            var @case = CliSession.LoadCase(parsed.GetRequiredValue(options.Case));
            var decision = session.Decide(@case);
            if (parsed.GetValue(options.Json))
            {
                session.Stdout.WriteLine(SecondChanceJson.Serialize(decision.Next));
            }
            else
            {
                CaseView.WriteNext(session.Console, decision);
            }

            return ExitCodes.Success;
        });

        return command;
    }
}
