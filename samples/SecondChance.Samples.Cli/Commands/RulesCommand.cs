using System.CommandLine;
using SecondChance.Rules;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>rules validate FILE</c> and <c>rules show</c>: check a custom rule file, print the rules.</summary>
internal static class RulesCommand
{
    public static Command Create(CliSession session)
    {
        var file = new Argument<string>("FILE") { Description = "The rule file (RulesEngine workflow JSON) to check." };
        var validate = new Command("validate", "Check a rule file: exit 0 with a summary (warnings included), or exit 2 with every problem on stderr.")
        {
            file,
        };
        validate.SetAction(parsed => Validate(session, parsed.GetRequiredValue(file)));

        var show = new Command("show", "Print the rules in force as workflow JSON: the default rules, or the file given with --rules (characters a terminal would act on written as JSON escapes).");
        show.SetAction(_ =>
        {
            // The file's own text: its strings may hold characters a terminal acts on, written as JSON escapes.
            session.Stdout.WriteLine(session.RulesPath is null ? PlaybookRuleSet.DefaultWorkflowJson : Presentation.TerminalText.SafeJson(session.LoadRuleSet().Json));
            return ExitCodes.Success;
        });

        return new Command("rules", "Work with rule files: check one, or print the default rules as a starting point.")
        {
            validate,
            show,
        };
    }

    private static int Validate(CliSession session, string path)
    {
        var result = PlaybookRuleSet.LoadFile(path, session.RulesMode);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                session.Stderr.WriteLine(problem.ToString());
            }

            return ExitCodes.InvalidInput;
        }

        var ruleSet = result.RuleSet!;
        var warnings = result.Warnings.ToArray();
        var console = session.Console;
        console.MarkupLineInterpolated($"[green]OK[/]: workflow '{ruleSet.WorkflowName}' with {ruleSet.Rules.Count} rules ({ruleSet.Mode.ToString().ToLowerInvariant()} mode), {warnings.Length} warning(s).");
        console.MarkupLineInterpolated($"[dim]File: {path}[/]");

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("#", c => c.RightAligned());
        table.AddColumn(new TableColumn("Rule").NoWrap());
        table.AddColumn(new TableColumn("Step, action").NoWrap());
        table.AddColumn("Matches when");
        var n = 0;
        foreach (var rule in ruleSet.Rules)
        {
            table.AddRow(
                (++n).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(rule.Name),
                $"{rule.Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {rule.Action}",
                Markup.Escape(rule.Expression));
        }

        console.Write(table);
        foreach (var warning in warnings)
        {
            console.MarkupLineInterpolated($"[yellow]{warning.ToString()}[/]");
        }

        return ExitCodes.Success;
    }
}
