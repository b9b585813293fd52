using System.CommandLine;
using System.Text.Json.Nodes;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;
using SecondChance.Validation;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>record --case FILE EVENT [--on DATE] [--gap TEXT]... [--channel C] [--outcome O] [--respond-by DATE] [--reason R]</c>:
/// adds what just happened to a case file, checks the whole case with the library, replaces the file
/// atomically and prints the new next action.
/// </summary>
internal static class RecordCommand
{
    /// <summary>The event names the command takes (kebab case, with short forms), and the event type each records.</summary>
    private static readonly (string Name, CaseEventType Type)[] EventNames =
    [
        ("notified", CaseEventType.Notified),
        ("feedback", CaseEventType.FeedbackRecorded),
        ("feedback-recorded", CaseEventType.FeedbackRecorded),
        ("interest-reaffirmed", CaseEventType.InterestReaffirmed),
        ("note-sent", CaseEventType.NoteSent),
        ("follow-up", CaseEventType.FollowUpMade),
        ("follow-up-made", CaseEventType.FollowUpMade),
        ("approached", CaseEventType.Approached),
        ("offer", CaseEventType.OfferReceived),
        ("offer-received", CaseEventType.OfferReceived),
        ("closed", CaseEventType.Closed),
    ];

    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var kind = new Argument<string>("EVENT")
        {
            Description = "What happened: " + string.Join(", ", EventNames.Select(e => e.Name)) + ".",
        };
        var on = new Option<string?>("--on") { Description = "The day it happened (YYYY-MM-DD). Default: today.", HelpName = "YYYY-MM-DD" };
        var gap = new Option<string[]>("--gap") { Description = "feedback: where they said the other candidate was stronger (repeat for several).", HelpName = "TEXT" };
        var channel = new Option<string?>("--channel") { Description = "note-sent: how you sent it (email, card or letter).", HelpName = "CHANNEL" };
        var outcome = new Option<string?>("--outcome") { Description = "follow-up: what you learned (no-change, role-reopened, similar-role-open, no-response).", HelpName = "OUTCOME" };
        var respondBy = new Option<string?>("--respond-by") { Description = "offer: the day they want your answer by (YYYY-MM-DD).", HelpName = "YYYY-MM-DD" };
        var reason = new Option<string?>("--reason") { Description = "closed: why (hired, took-other-job, withdrew, no-opening).", HelpName = "REASON" };

        var command = new Command("record", "Record what happened next in a case file (the file is replaced only when the updated case is valid) and show the new next action.")
        {
            options.Case,
            kind,
            on,
            gap,
            channel,
            outcome,
            respondBy,
            reason,
            options.Today,
            options.Json,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetRequiredValue(options.Case);
            var @case = CliSession.LoadCase(path);
            var type = EventType(parsed.GetRequiredValue(kind));

            var fields = new List<(string Option, string Member, JsonNode? Value, CaseEventType For)>
            {
                ("--gap", "gaps", parsed.GetValue(gap) is { Length: > 0 } g ? new JsonArray([.. g.Select(x => JsonValue.Create(x))]) : null, CaseEventType.FeedbackRecorded),
                ("--channel", "channel", Name(parsed.GetValue(channel)), CaseEventType.NoteSent),
                ("--outcome", "outcome", Name(parsed.GetValue(outcome)), CaseEventType.FollowUpMade),
                ("--respond-by", "respondBy", parsed.GetValue(respondBy) is { } by ? JsonValue.Create(by) : null, CaseEventType.OfferReceived),
                ("--reason", "reason", Name(parsed.GetValue(reason)), CaseEventType.Closed),
            };

            var json = new JsonObject
            {
                ["type"] = type.ToString(),
                ["on"] = parsed.GetValue(on) ?? LocalDatePattern.Iso.Format(session.TodayFor(@case)),
            };
            var misplaced = new List<string>();
            foreach (var (option, member, value, forType) in fields)
            {
                if (value is null)
                {
                    continue;
                }

                if (forType != type)
                {
                    misplaced.Add($"{option}: does not apply to {Display(type)}; it belongs to {Display(forType)}");
                    continue;
                }

                json[member] = value;
            }

            if (misplaced.Count > 0)
            {
                throw new InvalidInputException(misplaced);
            }

            var errors = SecondChanceJson.ParseEvent(json.ToJsonString(), out var @event);
            if (errors.Count > 0 || @event is null)
            {
                throw new InvalidInputException(errors.Select(e => AsOption(e, fields.Select(f => (f.Option, f.Member)))));
            }

            var updated = @case.With(@event);
            var decision = session.Decide(updated); // Throws with every problem before the file is touched.
            try
            {
                AtomicFile.Write(path, SecondChanceJson.Serialize(updated, indented: true) + Environment.NewLine);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidInputException($"record: cannot write '{path}': {ex.Message} (the file is unchanged)");
            }

            if (parsed.GetValue(options.Json))
            {
                await session.Stdout.WriteLineAsync(SecondChanceJson.Serialize(decision.Next).AsMemory(), cancellationToken);
            }
            else
            {
                session.Console.WriteLine($"Recorded {Display(type)} on {CaseView.Date(@event.On)} in {path}.");
                session.Console.WriteLine();
                CaseView.WriteNext(session, decision);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static CaseEventType EventType(string text)
    {
        foreach (var (name, type) in EventNames)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(type.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw new InvalidInputException($"EVENT: '{text}' is not an event this command records; use one of {string.Join(", ", EventNames.Select(e => e.Name))}");
    }

    /// <summary>The event a type names, as the command's argument spells it.</summary>
    private static string Display(CaseEventType type) => EventNames.First(e => e.Type == type).Name;

    /// <summary>A kebab-case value (<c>similar-role-open</c>) as the library's name (<c>similarroleopen</c>, read in any letter case).</summary>
    private static JsonValue? Name(string? text) => text is null ? null : JsonValue.Create(text.Replace("-", string.Empty, StringComparison.Ordinal));

    /// <summary>Speaks of the option the user typed instead of the JSON member it became.</summary>
    private static string AsOption(CaseError error, IEnumerable<(string Option, string Member)> fields)
    {
        var field = error.Field == "on" ? "--on" : error.Field;
        foreach (var (option, member) in fields)
        {
            if (field == member || field.StartsWith(member + "[", StringComparison.Ordinal))
            {
                field = option + field[member.Length..];
            }
        }

        return $"{field}: {error.Message}";
    }
}
