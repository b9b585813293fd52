using FluentValidation;
using FluentValidation.Results;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;

namespace SecondChance.Validation;

/// <summary>
/// Checks a case against the contract: names and lengths, a known level and time zone, a history
/// that starts with one <c>Notified</c>, is in date order, has nothing after <c>Closed</c> and
/// nothing after today. Every failure's property name is the field's JSON path. Thread-safe.
/// </summary>
/// <remarks>Pass "today" with <see cref="Validate(RunnerUpCase, LocalDate)"/>; without it, the future-date check is skipped.</remarks>
public sealed class RunnerUpCaseValidator : AbstractValidator<RunnerUpCase>
{
    private const string TodayKey = "SecondChance.Today";
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    private readonly Dictionary<string, JobLevel> _levels;

    /// <summary>Creates a validator that accepts the given job levels.</summary>
    /// <param name="knownLevels">The levels a case may name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="knownLevels"/> is <see langword="null"/>.</exception>
    public RunnerUpCaseValidator(IEnumerable<JobLevel> knownLevels)
    {
        ArgumentNullException.ThrowIfNull(knownLevels);
        _levels = knownLevels.Where(l => !l.IsEmpty).ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);

        RuleFor(c => c.Candidate).Must(CaseLimits.IsValidName).OverridePropertyName("candidate").WithMessage(NameMessage);
        RuleFor(c => c.Company).Must(CaseLimits.IsValidName).OverridePropertyName("company").WithMessage(NameMessage);
        RuleFor(c => c.Role).Must(CaseLimits.IsValidName).OverridePropertyName("role").WithMessage(NameMessage);
        RuleFor(c => c.Level).Custom(CheckLevel);
        RuleFor(c => c.TimeZone).Custom(CheckTimeZone);
        RuleFor(c => c.Contact).Custom(CheckContact);
        RuleFor(c => c.Events).Custom(CheckEvents);
    }

    /// <summary>Validates <paramref name="case"/>, treating events after <paramref name="today"/> as errors.</summary>
    /// <param name="case">The case to check.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The result; its errors' property names are JSON paths.</returns>
    public ValidationResult Validate(RunnerUpCase @case, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var context = new ValidationContext<RunnerUpCase>(@case);
        context.RootContextData[TodayKey] = today;
        return Validate(context);
    }

    private static string NameMessage(RunnerUpCase c, string? value) => string.IsNullOrWhiteSpace(value)
        ? "must not be empty"
        : $"must be at most {CaseLimits.MaxNameLength} characters (it has {value.Length})";

    private void CheckLevel(JobLevel level, ValidationContext<RunnerUpCase> context)
    {
        if (level.IsEmpty)
        {
            context.AddFailure("level", "must not be empty; use one of " + string.Join(", ", _levels.Keys));
        }
        else if (!_levels.ContainsKey(level.Name))
        {
            context.AddFailure("level", $"'{level.Name}' is not a known job level; use one of {string.Join(", ", _levels.Keys)}");
        }
    }

    private static void CheckTimeZone(string? zone, ValidationContext<RunnerUpCase> context)
    {
        if (string.IsNullOrWhiteSpace(zone))
        {
            context.AddFailure("timeZone", "must not be empty; use an IANA time zone id such as Europe/London");
        }
        else if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            context.AddFailure("timeZone", $"'{zone}' is not a known IANA time zone id (for example America/Los_Angeles)");
        }
    }

    private static void CheckContact(Contact? contact, ValidationContext<RunnerUpCase> context)
    {
        if (contact is null)
        {
            return;
        }

        if (!CaseLimits.IsValidName(contact.Name))
        {
            context.AddFailure("contact.name", NameMessage(context.InstanceToValidate, contact.Name));
        }

        if (contact.Email is not null && !CaseLimits.IsValidEmail(contact.Email))
        {
            context.AddFailure("contact.email", $"'{Shorten(contact.Email)}' is not a valid email address");
        }
    }

    private static void CheckEvents(IReadOnlyList<CaseEvent>? events, ValidationContext<RunnerUpCase> context)
    {
        if (events is null || events.Count == 0)
        {
            context.AddFailure("events", "must not be empty; a case starts with a Notified event");
            return;
        }

        LocalDate? today = context.RootContextData.TryGetValue(TodayKey, out var t) && t is LocalDate d ? d : null;
        LocalDate? previous = null;
        var closedAt = -1;
        for (var i = 0; i < events.Count; i++)
        {
            var path = $"events[{i}]";
            var e = events[i];
            if (e is null)
            {
                context.AddFailure(path, "must not be null");
                continue;
            }

            if (i == 0 && e is not Notified)
            {
                context.AddFailure(path + ".type", $"the first event must be Notified, not {e.Type}");
            }
            else if (i > 0 && e is Notified)
            {
                context.AddFailure(path + ".type", "Notified may appear only once, as the first event");
            }

            if (previous is { } p && e.On < p)
            {
                context.AddFailure(path + ".on", $"must not be before the previous event ({Iso.Format(p)})");
            }

            if (today is { } now && e.On > now)
            {
                context.AddFailure(path + ".on", $"must not be after today ({Iso.Format(now)})");
            }

            if (closedAt >= 0)
            {
                context.AddFailure(path, $"no event may follow Closed (events[{closedAt}])");
            }

            CheckEvent(e, path, context);
            if (e is Closed && closedAt < 0)
            {
                closedAt = i;
            }

            previous = e.On;
        }
    }

    private static void CheckEvent(CaseEvent e, string path, ValidationContext<RunnerUpCase> context)
    {
        switch (e)
        {
            case FeedbackRecorded f when f.Gaps is null:
                context.AddFailure(path + ".gaps", "must be a list (it may be empty)");
                break;
            case FeedbackRecorded f:
                if (f.Gaps.Count > CaseLimits.MaxGaps)
                {
                    context.AddFailure(path + ".gaps", $"must hold at most {CaseLimits.MaxGaps} gaps (it has {f.Gaps.Count})");
                }

                for (var j = 0; j < f.Gaps.Count; j++)
                {
                    if (!CaseLimits.IsValidGap(f.Gaps[j]))
                    {
                        context.AddFailure($"{path}.gaps[{j}]", string.IsNullOrWhiteSpace(f.Gaps[j])
                            ? "must not be empty"
                            : $"must be at most {CaseLimits.MaxGapLength} characters (it has {f.Gaps[j].Length})");
                    }
                }

                break;
            case NoteSent n when !Enum.IsDefined(n.Channel):
                context.AddFailure(path + ".channel", $"'{n.Channel}' is not a known channel; use one of {string.Join(", ", Enum.GetNames<NoteChannel>())}");
                break;
            case FollowUpMade u when !Enum.IsDefined(u.Outcome):
                context.AddFailure(path + ".outcome", $"'{u.Outcome}' is not a known outcome; use one of {string.Join(", ", Enum.GetNames<FollowUpOutcome>())}");
                break;
            case Closed c when !Enum.IsDefined(c.Reason):
                context.AddFailure(path + ".reason", $"'{c.Reason}' is not a known reason; use one of {string.Join(", ", Enum.GetNames<CloseReason>())}");
                break;
            case OpeningSeen o:
                if (!CaseLimits.IsValidName(o.Title))
                {
                    context.AddFailure(path + ".title", string.IsNullOrWhiteSpace(o.Title)
                        ? "must not be empty"
                        : $"must be at most {CaseLimits.MaxNameLength} characters (it has {o.Title.Length})");
                }

                if (!Enum.IsDefined(o.Match))
                {
                    context.AddFailure(path + ".match", $"'{o.Match}' is not a known match; use one of {string.Join(", ", Enum.GetNames<OpeningMatch>())}");
                }

                if (o.Url is not null && !CaseLimits.IsValidUrl(o.Url))
                {
                    context.AddFailure(path + ".url", $"'{Shorten(o.Url)}' is not an absolute http or https address of at most {CaseLimits.MaxUrlLength} characters");
                }

                break;
            case OfferReceived { RespondBy: { } by } o when by < o.On:
                context.AddFailure(path + ".respondBy", $"must not be before the offer ({Iso.Format(o.On)})");
                break;
        }
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "..." : value;
}
