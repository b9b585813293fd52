using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;

namespace SecondChance.Validation;

/// <summary>
/// Checks one field of a case on its own, with the message a whole-case check gives for it, for hosts
/// that ask for a case field by field (a form, a command-line walk-through). The job level depends on
/// the engine's configuration: check it with <see cref="PlaybookEngine.CheckLevel(string?)"/>.
/// </summary>
public static class CaseFields
{
    /// <summary>Checks a name: the candidate, company, role or contact name.</summary>
    /// <param name="field">The field's path, such as <c>candidate</c>.</param>
    /// <param name="value">The name.</param>
    /// <returns>The error, or <see langword="null"/> when the name is valid.</returns>
    public static CaseError? Name(string field, string? value) => CaseLimits.IsValidName(value)
        ? null
        : new CaseError(field, string.IsNullOrWhiteSpace(value)
            ? "must not be empty"
            : $"must be at most {CaseLimits.MaxNameLength} characters (it has {value.Length})");

    /// <summary>Checks an IANA time zone id.</summary>
    /// <param name="id">The id, such as <c>Europe/London</c>.</param>
    /// <returns>The error for <c>timeZone</c>, or <see langword="null"/> when the id is known.</returns>
    public static CaseError? TimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new CaseError("timeZone", "must not be empty; use an IANA time zone id such as Europe/London");
        }

        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is null
            ? new CaseError("timeZone", $"'{CaseText.Excerpt(id)}' is not a known IANA time zone id (for example America/Los_Angeles)")
            : null;
    }

    /// <summary>Checks a contact's email address; none at all is valid.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The error for <c>contact.email</c>, or <see langword="null"/>.</returns>
    public static CaseError? Email(string? email) => email is null || CaseLimits.IsValidEmail(email)
        ? null
        : new CaseError("contact.email", $"'{CaseText.Excerpt(email)}' is not a valid email address");

    /// <summary>Checks the gaps of a feedback event.</summary>
    /// <param name="gaps">The gaps.</param>
    /// <param name="field">The list's path, such as <c>events[1].gaps</c>; each gap's error is at <c>field[i]</c>.</param>
    /// <returns>The errors; empty when the gaps are valid.</returns>
    public static IReadOnlyList<CaseError> Gaps(IReadOnlyList<string>? gaps, string field = "gaps")
    {
        ArgumentNullException.ThrowIfNull(field);
        if (gaps is null)
        {
            return [new CaseError(field, "must be a list (it may be empty)")];
        }

        var errors = new List<CaseError>();
        if (gaps.Count > CaseLimits.MaxGaps)
        {
            errors.Add(new CaseError(field, $"must hold at most {CaseLimits.MaxGaps} gaps (it has {gaps.Count})"));
        }

        for (var j = 0; j < gaps.Count; j++)
        {
            if (!CaseLimits.IsValidGap(gaps[j]))
            {
                errors.Add(new CaseError($"{field}[{j}]", string.IsNullOrWhiteSpace(gaps[j])
                    ? "must not be empty"
                    : $"must be at most {CaseLimits.MaxGapLength} characters (it has {gaps[j].Length})"));
            }
        }

        return errors;
    }

    /// <summary>Checks the date of an event that follows <paramref name="previous"/> in a history.</summary>
    /// <param name="on">The event's date.</param>
    /// <param name="previous">The event before it, if any; an error names it (<c>the call on 6 March 2026</c>).</param>
    /// <param name="today">Today's date in the case's time zone, if later dates are errors.</param>
    /// <param name="field">The date's path, such as <c>events[2].on</c>.</param>
    /// <returns>The errors: before the previous event, after today; empty when the date fits.</returns>
    public static IReadOnlyList<CaseError> EventDate(LocalDate on, CaseEvent? previous, LocalDate? today, string field = "on")
    {
        ArgumentNullException.ThrowIfNull(field);
        var errors = new List<CaseError>(0);
        if (previous is { } p && on < p.On)
        {
            errors.Add(new CaseError(field, $"must not be before the previous event, {Decisions.PlainWords.Event(p)}"));
        }

        if (today is { } now && on > now)
        {
            errors.Add(new CaseError(field, $"must not be after today ({LocalDatePattern.Iso.Format(now)})"));
        }

        return errors;
    }
}
