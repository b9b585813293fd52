using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SecondChance.Analytics;
using SecondChance.Samples.Cli.Outcomes;
using SecondChance.Serialization;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>stats --cases FILE.ndjson [--json]</c>: how often coming second paid off, per job level, from a file of
/// case documents read one line at a time.
/// </summary>
internal static class StatsCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var cases = new Option<string>("--cases")
        {
            Description = "The cases to count: one case document (JSON) per line.",
            HelpName = "FILE.ndjson",
            Required = true,
        };

        var command = new Command("stats", "Count outcomes per job level: how far cases got, conversion rates with 95% intervals, median days, and the calibrated chance of a hire.")
        {
            cases,
            options.Today,
            options.Json,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetRequiredValue(cases);
            var report = await OutcomesFile.ReadAsync(session, path, "cases", cancellationToken);
            if (parsed.GetValue(options.Json))
            {
                await session.Stdout.WriteLineAsync(JsonSerializer.Serialize(report, SecondChanceJson.Options));
            }
            else
            {
                Write(session.Console, report, path);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static void Write(IAnsiConsole console, OutcomeReport report, string path)
    {
        console.MarkupLineInterpolated($"[bold]Outcomes[/]: {report.Cases} cases counted, {report.Skipped} skipped.");
        console.MarkupLineInterpolated($"[dim]File: {path}[/]");
        foreach (var level in report.Levels)
        {
            console.WriteLine();
            if (level.Cases == 0)
            {
                console.MarkupLineInterpolated($"[bold]{level.Level.Name}[/]: no cases");
            }
            else
            {
                console.MarkupLineInterpolated($"[bold]{level.Level.Name}[/]: {level.Cases} cases");
                console.Write(Funnel(level));
                console.MarkupLineInterpolated($"Median days from the call to the approach: {Days(level.MedianDaysToApproach)}; to the hire: {Days(level.MedianDaysToHire)}");
            }

            var odds = level.Odds;
            console.MarkupLineInterpolated($"Chance of a hire: [bold]{odds.ToString()}[/]");
            console.MarkupLineInterpolated($"[dim]Calibrated from the prior {Percent(odds.Prior)} (weight {Number(odds.Weight)}) with the closed cases.[/]");
        }
    }

    private static Table Funnel(LevelOutcomes level)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Stage").NoWrap());
        table.AddColumn(new TableColumn("Reached").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("Rate").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("95% Wilson interval").NoWrap());
        table.AddColumn(new TableColumn("Of all").RightAligned().NoWrap());
        foreach (var stage in level.Stages)
        {
            table.AddRow(
                stage.Stage.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{stage.Reached} of {stage.OutOf}"),
                Percent(stage.Rate),
                stage.Interval is { } i ? $"{Percent(i.Lower)} to {Percent(i.Upper)}" : "-",
                Percent(stage.OverallRate));
        }

        return table;
    }

    private static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Days(double? value) =>
        value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
