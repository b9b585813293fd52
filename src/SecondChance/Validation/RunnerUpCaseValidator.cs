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
internal sealed class RunnerUpCaseValidator : AbstractValidator<RunnerUpCase>
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

        RuleFor(c => c.Candidate).Custom((v, ctx) => Add(ctx, CaseFields.Name("candidate", v)));
        RuleFor(c => c.Company).Custom((v, ctx) => Add(ctx, CaseFields.Name("company", v)));
        RuleFor(c => c.Role).Custom((v, ctx) => Add(ctx, CaseFields.Name("role", v)));
        RuleFor(c => c.Level).Custom(CheckLevel);
        RuleFor(c => c.TimeZone).Custom((v, ctx) => Add(ctx, CaseFields.TimeZone(v)));
        RuleFor(c => c.CandidateEmail).Custom((v, ctx) => Add(ctx, CaseFields.Email(v, "candidateEmail")));
        RuleFor(c => c.Contact).Custom(CheckContact);
        RuleFor(c => c.Events).Custom(CheckEvents);
    }

    /// <summary>Checks <paramref name="case"/>, treating events after <paramref name="today"/> (when given) as errors.</summary>
    /// <returns>Every problem with its field's JSON path; empty when the case is valid.</returns>
    public IReadOnlyList<CaseError> Check(RunnerUpCase @case, LocalDate? today)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var context = new ValidationContext<RunnerUpCase>(@case);
        if (today is { } date)
        {
            context.RootContextData[TodayKey] = date;
        }

        var result = Validate(context);
        return result.IsValid ? Array.Empty<CaseError>() : result.Errors.Select(e => new CaseError(e.PropertyName, e.ErrorMessage)).ToArray();
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

    private static void Add(ValidationContext<RunnerUpCase> context, CaseError? error)
    {
        if (error is not null)
        {
            context.AddFailure(error.Field, error.Message);
        }
    }

    private static void Add(ValidationContext<RunnerUpCase> context, IEnumerable<CaseError> errors)
    {
        foreach (var error in errors)
        {
            context.AddFailure(error.Field, error.Message);
        }
    }

    /// <summary>Checks a job level's name against the known levels.</summary>
    public CaseError? LevelError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new CaseError("level", "must not be empty; use one of " + string.Join(", ", _levels.Keys));
        }

        return _levels.ContainsKey(name) ? null : new CaseError("level", $"'{CaseText.Excerpt(name)}' is not a known job level; use one of {string.Join(", ", _levels.Keys)}");
    }

    private void CheckLevel(JobLevel level, ValidationContext<RunnerUpCase> context) => Add(context, LevelError(level.Name));

    private static void CheckContact(Contact? contact, ValidationContext<RunnerUpCase> context)
    {
        if (contact is null)
        {
            return;
        }

        Add(context, CaseFields.Name("contact.name", contact.Name));
        Add(context, CaseFields.Email(contact.Email));
    }

    private static void CheckEvents(IReadOnlyList<CaseEvent>? events, ValidationContext<RunnerUpCase> context)
    {
        if (events is null || events.Count == 0)
        {
            context.AddFailure("events", "must not be empty; a case starts with a Notified event");
            return;
        }

        if (events.Count > CaseLimits.MaxEvents)
        {
            context.AddFailure("events", $"must hold at most {CaseLimits.MaxEvents} events (it has {events.Count})");
            return;
        }

        LocalDate? today = context.RootContextData.TryGetValue(TodayKey, out var t) && t is LocalDate d ? d : null;
        if (today is { } day && !CaseLimits.IsInDateRange(day))
        {
            context.AddFailure("today", $"{Iso.Format(day)} is outside the dates a case may be decided on ({CaseFields.DateRange})");
        }

        CaseEvent? previous = null;
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

            Add(context, CaseFields.EventDate(e.On, previous, today, path + ".on"));

            if (closedAt >= 0)
            {
                context.AddFailure(path, $"no event may follow Closed (events[{closedAt}])");
            }

            CheckEvent(e, path, context);
            if (e is Closed && closedAt < 0)
            {
                closedAt = i;
            }

            previous = e;
        }
    }

    private static void CheckEvent(CaseEvent e, string path, ValidationContext<RunnerUpCase> context)
    {
        switch (e)
        {
            case FeedbackRecorded f:
                Add(context, CaseFields.Gaps(f.Gaps, path + ".gaps"));
                break;
            case NoteSent n when !Enum.IsDefined(n.Channel):
                context.AddFailure(path + ".channel", $"'{n.Channel}' is not a known channel; use one of {CaseText.Names<NoteChannel>()}");
                break;
            case FollowUpMade u when !Enum.IsDefined(u.Outcome):
                context.AddFailure(path + ".outcome", $"'{u.Outcome}' is not a known outcome; use one of {CaseText.Names<FollowUpOutcome>()}");
                break;
            case Closed c when !Enum.IsDefined(c.Reason):
                context.AddFailure(path + ".reason", $"'{c.Reason}' is not a known reason; use one of {CaseText.Names<CloseReason>()}");
                break;
            case OpeningSeen o:
                if (CaseFields.Name(path + ".title", o.Title) is { } title)
                {
                    context.AddFailure(title.Field, title.Message);
                }

                if (!Enum.IsDefined(o.Match))
                {
                    context.AddFailure(path + ".match", $"'{o.Match}' is not a known match; use one of {CaseText.Names<OpeningMatch>()}");
                }

                if (o.Url is not null && !CaseLimits.IsValidUrl(o.Url))
                {
                    context.AddFailure(path + ".url", $"'{CaseText.Excerpt(o.Url)}' is not an absolute http or https address of at most {CaseLimits.MaxUrlLength} characters");
                }

                break;
            case OfferReceived { RespondBy: { } by } o when by < o.On:
                context.AddFailure(path + ".respondBy", $"must not be before the offer ({Iso.Format(o.On)})");
                break;
            case OfferReceived { RespondBy: { } by } when !CaseLimits.IsInDateRange(by):
                context.AddFailure(path + ".respondBy", $"{Iso.Format(by)} is outside the dates a case may hold ({CaseFields.DateRange})");
                break;
        }
    }
}
