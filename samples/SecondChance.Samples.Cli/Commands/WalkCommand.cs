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
        var engine = session.Engine;
        var console = session.Console;
        IPrompter ask = session.Terminal.IsInputTerminal
            ? new InteractivePrompter(console)
            : new ScriptedPrompter(session.Stdin, console);

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
            var sentOn = ask.Ask("When did you send it? (YYYY-MM-DD)", LocalDatePattern.Iso.Format(today), text => CheckDate(today, text, events[^1].On));
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
        CaseView.WritePlan(console, session.Plan(@case));
        console.WriteLine();

        if (ask.Confirm("Save this case to a file?", true))
        {
            Save(session, ask, @case);
        }

        return ExitCodes.Success;
    }

    private static void Save(CliSession session, IPrompter ask, RunnerUpCase @case)
    {
        var path = ask.Ask("File name", Slug(@case) + ".json", text => text.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || text.EndsWith('/')
            ? Answer<string>.Reject($"'{text}' is not a usable file name")
            : Answer<string>.Accept(text));
        if (File.Exists(path) && !ask.Confirm($"{path} exists. Replace it?", false))
        {
            session.Console.WriteLine("Not saved.");
            return;
        }

        try
        {
            File.WriteAllText(path, SecondChanceJson.Serialize(@case, indented: true) + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"walk: cannot save '{path}': {ex.Message}");
        }

        session.Console.WriteLine($"Saved to {path}. See it again any time with: secondchance plan --case {path}");
    }

    private static Answer<string> Check(CaseError? error, string text) =>
        error is null ? Answer<string>.Accept(text) : Answer<string>.Reject(error.Message);

    private static Answer<LocalDate> CheckDate(LocalDate today, string text, LocalDate? notBefore)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            return Answer<LocalDate>.Reject($"'{text}' is not a date; write it as YYYY-MM-DD");
        }

        var errors = CaseFields.EventDate(parsed.Value, notBefore, today);
        var error = errors.Count > 0 ? errors[0] : null;
        return error is null ? Answer<LocalDate>.Accept(parsed.Value) : Answer<LocalDate>.Reject(error.Message);
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
