using System.CommandLine;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Samples.Cli.Walk;
using SecondChance.Serialization;
using SecondChance.Validation;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>walk</c>: a guided session for someone who has just been told they came second. It asks what
/// happened, shows the plan, and offers to save the case file. Answers are checked by the library's own
/// validation, so the messages match the ones the other commands give.
/// </summary>
internal static class WalkCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var command = new Command("walk", "A guided session for someone who just got the call: answer a few questions, get your plan, save your case file.")
        {
            options.Today,
        };
        command.SetAction(_ => Run(session));
        return command;
    }

    private static int Run(CliSession session)
    {
        if (!session.Terminal.IsInputTerminal)
        {
            return Walk(session, new ScriptedPrompter(session.Stdin, session.Console));
        }

        // A menu hides the cursor; Ctrl-C there ends the process, so show it again on the way out.
        ConsoleCancelEventHandler restore = (_, _) => RestoreCursor(session.Console);
        Console.CancelKeyPress += restore;
        try
        {
            return Walk(session, new InteractivePrompter(session.Console));
        }
        finally
        {
            Console.CancelKeyPress -= restore;
        }
    }

    /// <summary>Shows the terminal cursor (a selection menu hides it while it is open).</summary>
    internal static void RestoreCursor(IAnsiConsole console)
    {
        console.Cursor.Show(true);
        console.Profile.Out.Writer.Flush();
    }

    internal static int Walk(CliSession session, IPrompter ask)
    {
        var engine = session.Engine;
        var console = session.Console;

        console.MarkupLine("[bold]Coming second is not the end.[/] Answer a few questions and you get a plan for the next months.");
        console.WriteLine();

        var known = new[] { JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive };
        var levels = known.Where(engine.Levels.ContainsKey)
            .Concat(engine.Levels.Keys.Where(l => !known.Contains(l)).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        var level = ask.Choose("What level is the role?", levels, l => l.Name);

        var zoneId = ask.Ask("Your time zone (IANA id)", SystemZoneId(), text => Check(CaseFields.TimeZone(text), text));
        var draft = new RunnerUpCase { Candidate = "-", Company = "-", Role = "-", Level = level, TimeZone = zoneId };
        var today = session.TodayFor(draft);

        var callOn = ask.Ask("When did they call you? (YYYY-MM-DD)", LocalDatePattern.Iso.Format(today), text => CheckDate(today, text, null));
        var events = new List<CaseEvent> { new Notified(callOn) };

        if (ask.Confirm("Did you ask where you fell short?", true))
        {
            var gaps = ask.Ask(
                "Where did they say the other candidate was stronger? (separate several with ';', empty if they did not say)",
                string.Empty,
                text => CheckGaps(text));
            events.Add(new FeedbackRecorded(callOn, gaps));
        }

        if (ask.Confirm("Did you tell them you are still interested in the company and in similar roles?", true))
        {
            events.Add(new InterestReaffirmed(callOn));
        }

        if (ask.Confirm("Have you sent a thank-you note since the call?", false))
        {
            var channel = ask.Choose("How did you send it?", Enum.GetValues<NoteChannel>(), c => c.ToString());
            var sentOn = ask.Ask("When did you send it? (YYYY-MM-DD)", LocalDatePattern.Iso.Format(today), text => CheckDate(today, text, events[^1]));
            events.Add(new NoteSent(sentOn, channel));
        }

        var candidate = ask.Ask("Your name", null, text => Check(CaseFields.Name("candidate", text), text));
        var company = ask.Ask("The company", null, text => Check(CaseFields.Name("company", text), text));
        var role = ask.Ask("The role", null, text => Check(CaseFields.Name("role", text), text));
        Contact? contact = null;
        var contactName = ask.Ask("Who called you? (empty to skip)", string.Empty, text => text.Length == 0 ? Answer<string>.Accept(text) : Check(CaseFields.Name("contact.name", text), text));
        if (contactName.Length > 0)
        {
            var email = ask.Ask("Their email address (empty to skip)", string.Empty, text => text.Length == 0 ? Answer<string>.Accept(text) : Check(CaseFields.Email(text), text));
            contact = new Contact(contactName, email.Length == 0 ? null : email);
        }

        var @case = draft with { Candidate = candidate, Company = company, Role = role, Contact = contact, Events = events };
        console.WriteLine();
        CaseView.WritePlan(session, session.Plan(@case));
        console.WriteLine();

        if (ask.Confirm("Save this case to a file?", true))
        {
            Save(session, ask, @case);
        }
        else
        {
            console.WriteLine("Not saved. Run walk again whenever you want a case file.");
        }

        return ExitCodes.Success;
    }

    /// <summary>What to do when the file cannot be written as asked.</summary>
    private enum SaveChoice
    {
        Replace,
        CreateFolder,
        OtherName,
        ShowHere,
    }

    /// <summary>
    /// Saves the case, asking again until it is saved or shown: a missing folder can be created, an
    /// existing file kept, and a file that cannot be written leaves the case on screen to copy. Every
    /// answer given so far survives whatever happens here.
    /// </summary>
    private static void Save(CliSession session, IPrompter ask, RunnerUpCase @case)
    {
        var json = SecondChanceJson.Serialize(@case, indented: true);
        var console = session.Console;
        try
        {
            var suggested = Slug(@case) + ".json";
            while (true)
            {
                var path = ask.Ask("File name", suggested, text => text.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || text.EndsWith('/') || Directory.Exists(text)
                    ? Answer<string>.Reject($"'{text}' is not a usable file name")
                    : Answer<string>.Accept(text));
                var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                if (!Directory.Exists(folder))
                {
                    var choice = ask.Choose($"The folder {folder} does not exist. What now?", [SaveChoice.CreateFolder, SaveChoice.OtherName, SaveChoice.ShowHere], Label);
                    if (choice == SaveChoice.ShowHere)
                    {
                        Show(console, json);
                        return;
                    }

                    if (choice == SaveChoice.OtherName)
                    {
                        continue;
                    }
                }
                else if (File.Exists(path))
                {
                    var choice = ask.Choose($"{path} exists. What now?", [SaveChoice.Replace, SaveChoice.OtherName, SaveChoice.ShowHere], Label);
                    if (choice == SaveChoice.ShowHere)
                    {
                        Show(console, json);
                        return;
                    }

                    if (choice == SaveChoice.OtherName)
                    {
                        suggested = path;
                        continue;
                    }
                }

                try
                {
                    Directory.CreateDirectory(folder);
                    AtomicFile.Write(path, json + Environment.NewLine);
                    console.WriteLine($"Saved to {path}. See it again any time with: secondchance plan --case {path}");
                    return;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    console.WriteLine($"Cannot save to {path}: {ex.Message}");
                    if (ask.Choose("What now?", [SaveChoice.OtherName, SaveChoice.ShowHere], Label) == SaveChoice.ShowHere)
                    {
                        Show(console, json);
                        return;
                    }
                }
            }
        }
        catch (InvalidInputException)
        {
            // Scripted answers ran out or went wrong while saving: the case is still shown, so nothing is lost.
            Show(console, json);
            throw;
        }
    }

    private static string Label(SaveChoice choice) => choice switch
    {
        SaveChoice.Replace => "Replace it",
        SaveChoice.CreateFolder => "Create the folder",
        SaveChoice.OtherName => "Choose another name",
        _ => "Show the case here to copy",
    };

    private static void Show(IAnsiConsole console, string json)
    {
        console.WriteLine("Your case file, to copy into a file of your own:");
        console.WriteLine(json);
    }

    private static Answer<string> Check(CaseError? error, string text) =>
        error is null ? Answer<string>.Accept(text) : Answer<string>.Reject(error.Message);

    private static Answer<LocalDate> CheckDate(LocalDate today, string text, CaseEvent? notBefore)
    {
        if (!SecondChanceJson.TryParseDate(text, out var day, out var problem))
        {
            return Answer<LocalDate>.Reject(problem);
        }

        var errors = CaseFields.EventDate(day, notBefore, today);
        var error = errors.Count > 0 ? errors[0] : null;
        return error is null ? Answer<LocalDate>.Accept(day) : Answer<LocalDate>.Reject(error.Message);
    }

    private static Answer<IReadOnlyList<string>> CheckGaps(string text)
    {
        IReadOnlyList<string> gaps = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var errors = CaseFields.Gaps(gaps);
        var error = errors.Count > 0 ? errors[0] : null;
        return error is null ? Answer<IReadOnlyList<string>>.Accept(gaps) : Answer<IReadOnlyList<string>>.Reject($"{error.Field}: {error.Message}");
    }

    private static string SystemZoneId()
    {
        try
        {
            return DateTimeZoneProviders.Tzdb.GetSystemDefault().Id;
        }
        catch (NodaTime.TimeZones.DateTimeZoneNotFoundException)
        {
            return "UTC";
        }
    }

    private static string Slug(RunnerUpCase @case)
    {
        var text = new StringBuilder();
        foreach (var c in $"{@case.Candidate} {@case.Company}".ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().Trim('-');
        return slug.Length == 0 ? "case" : slug;
    }
}
