using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Analytics;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Planning;
using SecondChance.Rules;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SecondChance.Samples.Cli.Presentation;

/// <summary>Presents a case, its next action and its plan for people, in 80 columns.</summary>
internal static class CaseView
{
    public static void WriteNext(CliSession session, Decision decision, CalibratedOdds? chance = null)
    {
        var console = session.Console;
        console.Write(Header(decision.Case, decision.Today));
        console.WriteLine();
        console.Write(NextPanel(decision));
        WriteChance(console, chance);
        console.Write(Why(session, decision));
    }

    public static void WritePlan(CliSession session, CasePlan plan, CalibratedOdds? chance = null)
    {
        var console = session.Console;
        var decision = plan.Decision;
        console.Write(Header(decision.Case, decision.Today));
        console.WriteLine();
        console.Write(NextPanel(decision));
        WriteChance(console, chance);
        console.Write(Why(session, decision));
        console.WriteLine();
        console.Write(Timeline(plan));
    }

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The calibrated chance of a hire for the case's level, when outcomes were given.</summary>
    private static void WriteChance(IAnsiConsole console, CalibratedOdds? chance)
    {
        if (chance is not null)
        {
            console.MarkupLineInterpolated($"Chance this comes back: [bold]{chance.ToString()}[/]");
        }
    }

    private static Rows Header(RunnerUpCase @case, LocalDate today)
    {
        var lines = new List<IRenderable>
        {
            Line("Candidate", $"[bold]{Markup.Escape(@case.Candidate)}[/]"),
            Line("Role", $"{Markup.Escape(@case.Role)} at {Markup.Escape(@case.Company)}"),
            Line("Level", Markup.Escape(@case.Level.Name)),
            Line("Time zone", $"{Markup.Escape(@case.TimeZone)} (today is {Date(today)})"),
        };
        if (@case.Contact is { } contact)
        {
            var who = contact.Email is null ? contact.Name : $"{contact.Name} <{contact.Email}>";
            lines.Add(Line("Contact", Markup.Escape(who)));
        }

        return new Rows(lines);
    }

    private static Markup Line(string label, string markup) => new($"[bold]{label,-9}[/]  {markup}");

    private static Panel NextPanel(Decision decision)
    {
        var next = decision.Next;
        var rows = new List<IRenderable>();
        string title;
        if (next.Action == PlaybookAction.None)
        {
            title = "Nothing left to do";
        }
        else
        {
            var covers = next.Covers.Count > 1 ? $" (covers steps {string.Join(", ", next.Covers)})" : string.Empty;
            title = $"Next: step {next.Step?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {Words(next.Action)}{covers}";
        }

        if (next.DueOn is { } due)
        {
            var when = $"[bold]Due {Date(due)}[/] ({Days(decision.Today, due)})";
            if (next.Overdue)
            {
                when += " [bold red]OVERDUE[/]";
            }

            rows.Add(new Markup(when));
            if (next.WindowStart is { } start && next.WindowEnd is { } end)
            {
                rows.Add(new Markup($"[dim]On time from {Date(start)} to {Date(end)}[/]"));
            }

            rows.Add(Text.Empty);
        }

        rows.Add(new Text(next.Guidance));
        return new Panel(new Rows(rows))
        {
            Header = new PanelHeader($" {Markup.Escape(title)} "),
            Border = BoxBorder.Rounded,
            Padding = new Padding(1, 0, 1, 0),
            Expand = true,
        };
    }

    /// <summary>Why, in the candidate's words; the rule and its expression only with <c>--verbose</c>.</summary>
    private static Markup Why(CliSession session, Decision decision)
    {
        var text = $"[dim]Why: {Markup.Escape(PlainWords.Why(decision, session.Engine.Levels))}[/]{Environment.NewLine}";
        if (session.Verbose)
        {
            text += $"[dim]Rule: {Markup.Escape(decision.Explain())}[/]{Environment.NewLine}";
        }

        return new Markup(text);
    }

    private static Table Timeline(CasePlan plan)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Expand()
            .Title("The ten steps");
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("Status").NoWrap());
        table.AddColumn(new TableColumn("Date").NoWrap());
        table.AddColumn(new TableColumn("Step"));

        string? shown = null;
        foreach (var step in plan.Steps)
        {
            var what = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(step.Title)}[/]") };

            // Steps covered by one rule share its guidance; print it once, and not for what is behind us.
            if (step.Status is not (PlanStepStatus.Done or PlanStepStatus.NotApplicable) && step.Guidance != shown && step.Rule is not null)
            {
                what.Add(new Markup($"[dim]{Markup.Escape(step.Guidance)}[/]"));
                shown = step.Guidance;
            }

            table.AddRow(
                new Text(step.Step.ToString(CultureInfo.InvariantCulture)),
                Status(step.Status),
                When(step),
                new Rows(what));
        }

        return table;
    }

    private static Markup Status(PlanStepStatus status) => status switch
    {
        PlanStepStatus.Done => new Markup("[green]done[/]"),
        PlanStepStatus.Next => new Markup("[bold yellow]NEXT[/]"),
        PlanStepStatus.Projected => new Markup("[blue]projected[/]"),
        PlanStepStatus.Conditional => new Markup("[dim]conditional[/]"),
        _ => new Markup("[dim]n/a[/]"),
    };

    private static Markup When(PlanStep step)
    {
        if (step.On is not { } on)
        {
            return new Markup("[dim]-[/]");
        }

        var text = Date(on);
        if (step.WindowStart is { } start && step.WindowEnd is { } end && (start != on || end != on))
        {
            text += $"\n[dim]{start.ToString("MM-dd", CultureInfo.InvariantCulture)}..{end.ToString("MM-dd", CultureInfo.InvariantCulture)}[/]";
        }

        return new Markup(text);
    }

    private static string Days(LocalDate today, LocalDate due)
    {
        var days = Period.Between(today, due, PeriodUnits.Days).Days;
        return days switch
        {
            0 => "today",
            1 => "tomorrow",
            -1 => "yesterday",
            > 0 => $"in {days} days",
            _ => $"{-days} days ago",
        };
    }

    private static string Words(PlaybookAction action) => PlainWords.Action(action);
}
