using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using NodaTime.Text;
using SecondChance.Calendar;

namespace SecondChance.Samples.Cli.Commands;

/// <summary><c>ics --case FILE [--out FILE] [--time HH:mm] [--case-id ID]</c>: the case's plan as an iCalendar file.</summary>
internal static class IcsCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var output = new Option<string?>("--out")
        {
            Description = "Write the calendar to this file instead of stdout.",
            HelpName = "FILE",
        };

        var time = new Option<LocalTime?>("--time")
        {
            Description = "Local time of each reminder in the case's time zone (24-hour HH:mm). Default: 09:00.",
            HelpName = "HH:mm",
            CustomParser = ParseTime,
        };

        var caseId = new Option<string?>("--case-id")
        {
            Description = "A stable id for the case, used in every entry's UID (for example your tracker's id). Default: derived from the case.",
            HelpName = "ID",
        };

        var command = new Command("ics", "Export the plan's upcoming steps as an iCalendar (.ics) file, with reminders at a local time in the case's time zone.")
        {
            options.Case,
            output,
            time,
            caseId,
            options.Today,
        };

        command.SetAction(parsed =>
        {
            var @case = session.Validated(CliSession.LoadCase(parsed.GetRequiredValue(options.Case)));
            var id = parsed.GetValue(caseId);
            if (id is not null && string.IsNullOrWhiteSpace(id))
            {
                throw new InvalidInputException("--case-id: must not be blank");
            }

            var export = new CalendarExportOptions();
            if (parsed.GetValue(time) is { } at)
            {
                export.TimeOfDay = at;
            }

            var ics = PlanCalendar.Export(session.Engine.Plan(@case, session.TodayFor(@case)), session.Clock, export, id);
            if (parsed.GetValue(output) is { } path)
            {
                Write(path, ics);
            }
            else
            {
                session.Stdout.Write(ics);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static void Write(string path, string ics)
    {
        try
        {
            File.WriteAllText(path, ics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException($"calendar file '{path}' cannot be written: {ex.Message}");
        }
    }

    private static LocalTime? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        if (!parsed.Success)
        {
            result.AddError($"--time: '{text}' is not a time; write it as HH:mm on a 24-hour clock, for example 09:00 or 17:30.");
            return null;
        }

        return parsed.Value;
    }
}
