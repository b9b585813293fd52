using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Serialization;

/// <summary>Reads the case document contract from JSON, collecting every shape problem with its field path.</summary>
internal static class CaseDocumentReader
{
    private static readonly string EventTypes = string.Join(", ", Enum.GetNames<CaseEventType>());

    private static readonly string[] CaseMembers = ["candidate", "company", "role", "level", "timeZone", "candidateEmail", "contact", "events"];

    private static readonly string[] ContactMembers = ["name", "email"];

    /// <summary>The members each event type defines; types not listed have only <c>type</c> and <c>on</c>.</summary>
    private static readonly Dictionary<CaseEventType, string[]> EventMembers = new()
    {
        [CaseEventType.FeedbackRecorded] = ["type", "on", "gaps"],
        [CaseEventType.NoteSent] = ["type", "on", "channel"],
        [CaseEventType.FollowUpMade] = ["type", "on", "outcome"],
        [CaseEventType.OfferReceived] = ["type", "on", "respondBy"],
        [CaseEventType.Closed] = ["type", "on", "reason"],
        [CaseEventType.OpeningSeen] = ["type", "on", "title", "url", "match"],
    };

    private static readonly string[] PlainEventMembers = ["type", "on"];

    public static CaseParseResult Read(JsonElement root)
    {
        var errors = new List<CaseError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CaseParseResult(null, [new CaseError("$", "the case document must be a JSON object")]);
        }

        if (JsonText.FindInvalid(root, "$") is { } invalidText)
        {
            return new CaseParseResult(null, [invalidText]);
        }

        AddUnknown(root, null, CaseMembers, errors);
        var candidate = RequiredString(root, "candidate", errors);
        var company = RequiredString(root, "company", errors);
        var role = RequiredString(root, "role", errors);
        var levelName = RequiredString(root, "level", errors);
        var timeZone = OptionalString(root, "timeZone", "timeZone", errors) ?? "UTC";
        var candidateEmail = OptionalString(root, "candidateEmail", "candidateEmail", errors);
        Contact? contact = null;
        switch (JsonMembers.Find(root, "contact"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.Object } c:
                AddUnknown(c, "contact", ContactMembers, errors);
                var name = RequiredString(c, "name", errors, "contact.name");
                var email = OptionalString(c, "email", "contact.email", errors);
                contact = new Contact(name ?? string.Empty, email);
                break;
            default:
                errors.Add(new CaseError("contact", "must be an object with a name and an optional email"));
                break;
        }

        var events = new List<CaseEvent>();
        switch (JsonMembers.Find(root, "events"))
        {
            case { ValueKind: JsonValueKind.Array } array:
                var i = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (ReadEvent(item, $"events[{i}]", errors) is { } e)
                    {
                        events.Add(e);
                    }

                    i++;
                }

                break;
            case null or { ValueKind: JsonValueKind.Null }:
                errors.Add(new CaseError("events", "is required: the case's history, starting with a Notified event"));
                break;
            default:
                errors.Add(new CaseError("events", "must be an array of events"));
                break;
        }

        if (errors.Count > 0)
        {
            return new CaseParseResult(null, errors);
        }

        var level = string.IsNullOrWhiteSpace(levelName) ? default : new JobLevel(levelName);
        return new CaseParseResult(
            new RunnerUpCase
            {
                Candidate = candidate!,
                Company = company!,
                Role = role!,
                Level = level,
                TimeZone = timeZone,
                CandidateEmail = candidateEmail,
                Contact = contact,
                Events = events.ToArray(),
            },
            []);
    }

    public static CaseEvent? ReadEvent(JsonElement item, string path, List<CaseError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new CaseError(path, "must be an event object with a type and a date"));
            return null;
        }

        var before = errors.Count;
        var typeName = RequiredString(item, "type", errors, path + ".type");
        CaseEventType? type = null;
        if (typeName is not null)
        {
            if (Enum.TryParse<CaseEventType>(typeName, ignoreCase: true, out var t) && Enum.IsDefined(t) && !char.IsDigit(typeName.TrimStart('-').FirstOrDefault('x')))
            {
                type = t;
            }
            else
            {
                errors.Add(new CaseError(path + ".type", $"'{CaseText.Excerpt(typeName)}' is not a known event type; use one of {EventTypes}"));
            }
        }

        if (type is { } known)
        {
            AddUnknown(item, path, EventMembers.GetValueOrDefault(known, PlainEventMembers), errors);
        }

        var on = RequiredDate(item, "on", path + ".on", errors);
        if (type is null || on is null || errors.Count != before)
        {
            return null;
        }

        var date = on.Value;
        switch (type.Value)
        {
            case CaseEventType.Notified:
                return new Notified(date);
            case CaseEventType.FeedbackRecorded:
                var gaps = new List<string>();
                switch (JsonMembers.Find(item, "gaps"))
                {
                    case null or { ValueKind: JsonValueKind.Null }:
                        break;
                    case { ValueKind: JsonValueKind.Array } array:
                        var j = 0;
                        foreach (var g in array.EnumerateArray())
                        {
                            if (g.ValueKind == JsonValueKind.String)
                            {
                                gaps.Add(g.GetString()!);
                            }
                            else
                            {
                                errors.Add(new CaseError($"{path}.gaps[{j}]", "must be a string"));
                            }

                            j++;
                        }

                        break;
                    default:
                        errors.Add(new CaseError(path + ".gaps", "must be an array of strings"));
                        break;
                }

                return errors.Count == before ? new FeedbackRecorded(date, gaps.ToArray()) : null;
            case CaseEventType.InterestReaffirmed:
                return new InterestReaffirmed(date);
            case CaseEventType.NoteSent:
                return RequiredEnum<NoteChannel>(item, "channel", path, errors) is { } channel ? new NoteSent(date, channel) : null;
            case CaseEventType.FollowUpMade:
                return RequiredEnum<FollowUpOutcome>(item, "outcome", path, errors) is { } outcome ? new FollowUpMade(date, outcome) : null;
            case CaseEventType.Approached:
                return new Approached(date);
            case CaseEventType.OfferReceived:
                var respondBy = JsonMembers.Find(item, "respondBy") is null or { ValueKind: JsonValueKind.Null } ? null : RequiredDate(item, "respondBy", path + ".respondBy", errors);
                return errors.Count == before ? new OfferReceived(date, respondBy) : null;
            case CaseEventType.Closed:
                return RequiredEnum<CloseReason>(item, "reason", path, errors) is { } reason ? new Closed(date, reason) : null;
            case CaseEventType.OpeningSeen:
                var title = RequiredString(item, "title", errors, path + ".title");
                var url = OptionalString(item, "url", path + ".url", errors);
                var match = RequiredEnum<OpeningMatch>(item, "match", path, errors);
                return errors.Count == before && title is not null && match is { } m ? new OpeningSeen(date, title, m, url) : null;
            default:
                return null;
        }
    }

    /// <summary>Reports each member of <paramref name="obj"/> the contract does not define, with its path and the name probably meant.</summary>
    private static void AddUnknown(JsonElement obj, string? path, string[] known, List<CaseError> errors)
    {
        foreach (var (name, message) in KnownMembers.Unknown(obj, known))
        {
            errors.Add(new CaseError(path is null ? name : $"{path}.{name}", message));
        }
    }

    internal static string? RequiredString(JsonElement obj, string name, List<CaseError> errors, string? path = null)
    {
        switch (JsonMembers.Find(obj, name))
        {
            case { ValueKind: JsonValueKind.String } s:
                return s.GetString();
            case null or { ValueKind: JsonValueKind.Null }:
                errors.Add(new CaseError(path ?? name, "is required"));
                return null;
            default:
                errors.Add(new CaseError(path ?? name, "must be a string"));
                return null;
        }
    }

    internal static string? OptionalString(JsonElement obj, string name, string path, List<CaseError> errors)
    {
        switch (JsonMembers.Find(obj, name))
        {
            case { ValueKind: JsonValueKind.String } s:
                return s.GetString();
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            default:
                errors.Add(new CaseError(path, "must be a string"));
                return null;
        }
    }

    internal static LocalDate? RequiredDate(JsonElement obj, string name, string path, List<CaseError> errors)
    {
        switch (JsonMembers.Find(obj, name))
        {
            case { ValueKind: JsonValueKind.String } s:
                var problem = DateProblem(s.GetString()!, out var date);
                if (problem is null)
                {
                    return date;
                }

                errors.Add(new CaseError(path, problem));
                return null;
            case null or { ValueKind: JsonValueKind.Null }:
                errors.Add(new CaseError(path, "is required: a date such as 2026-03-06"));
                return null;
            default:
                errors.Add(new CaseError(path, "must be a date string such as 2026-03-06"));
                return null;
        }
    }

    /// <summary>Reads an ISO date, or says what is wrong with the text: the format, or why a well-formed date does not exist.</summary>
    internal static string? DateProblem(string text, out LocalDate date)
    {
        date = default;
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success && text.Length == 10)
        {
            date = parsed.Value;
            return null;
        }

        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            if (month is < 1 or > 12)
            {
                return $"{text} has no month {month:00}; months run from 01 to 12";
            }

            var days = CalendarSystem.Iso.GetDaysInMonth(year, month);
            var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            return $"{text} is not a day in {name} {year} (it has {days} days)";
        }

        return $"'{CaseText.Excerpt(text)}' is not a date; write it as YYYY-MM-DD, such as 2026-03-06";
    }

    private static T? RequiredEnum<T>(JsonElement obj, string name, string path, List<CaseError> errors)
        where T : struct, Enum
    {
        var text = RequiredString(obj, name, errors, $"{path}.{name}");
        if (text is null)
        {
            return null;
        }

        if (CaseText.ParseName<T>($"{path}.{name}", text, name, out var value) is { } error)
        {
            errors.Add(error);
            return null;
        }

        return value;
    }
}
