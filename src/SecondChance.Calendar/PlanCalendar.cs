using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Planning;
using IcalCalendar = Ical.Net.Calendar;
using IcalDuration = Ical.Net.DataTypes.Duration;

namespace SecondChance.Calendar;

/// <summary>
/// Exports a case's plan as an iCalendar (RFC 5545) file the candidate imports into their own
/// calendar: one reminder per upcoming action, at a chosen local time in the case's time zone.
/// </summary>
/// <remarks>
/// <para>
/// Entries: every plan step whose status is <see cref="PlanStepStatus.Next"/> or
/// <see cref="PlanStepStatus.Projected"/> and that has a date, grouped by the rule that covers it
/// (steps 7 and 8 share the follow-up rule, so they make one entry). Each entry starts at
/// <see cref="CalendarExportOptions.TimeOfDay"/> on the due date with a TZID of the case's zone, so
/// 09:00 stays 09:00 local across a daylight-saving change; the file carries a VTIMEZONE for that
/// zone (a case in UTC gets UTC times). The description holds the rule's guidance, the due date,
/// the window when there is one, and the contact.
/// </para>
/// <para>
/// UIDs are <c>{key}-{Rule}@{domain}</c> (and <c>{key}-{Rule}-window@{domain}</c> for a window's
/// all-day entry). The key is the caller's case id when it is made of letters, digits, dots,
/// hyphens and underscores (at most 64), otherwise a SHA-256 of it; with no case id, the first 32
/// hex digits of a SHA-256 of the candidate, company, role (trimmed, lower case) and the date of
/// the first event. Adding events or re-exporting later keeps every UID, so a re-import updates
/// entries instead of duplicating them. DTSTAMP is the clock's current instant.
/// </para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static partial class PlanCalendar
{
    /// <summary>The PRODID written into every file.</summary>
    public const string ProductId = "-//SecondChance//Plan calendar//EN";

    /// <summary>Exports the upcoming actions of a case's plan as iCalendar text.</summary>
    /// <param name="plan">The plan, from <see cref="PlaybookEngine.Plan(RunnerUpCase, LocalDate)"/>.</param>
    /// <param name="clock">The clock that stamps the file (DTSTAMP).</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="caseId">A stable id for the case from the host's store, used for the UIDs; <see langword="null"/> to derive one from the case.</param>
    /// <returns>The calendar, with CRLF line endings as RFC 5545 requires. A case with nothing upcoming gives a calendar with no events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="clock"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The plan is of an invalid case (the message lists why), <paramref name="caseId"/> is blank, or an option is out of range.</exception>
    public static string Export(CasePlan plan, IClock clock, CalendarExportOptions? options = null, string? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new CalendarExportOptions();
        CheckOptions(options);
        if (caseId is not null && string.IsNullOrWhiteSpace(caseId))
        {
            throw new ArgumentException("A case id must not be blank; pass null to derive one from the case.", nameof(caseId));
        }

        if (!plan.IsValid)
        {
            throw new ArgumentException("The case is invalid: " + string.Join("; ", plan.Errors), nameof(plan));
        }

        var @case = plan.Decision.Case;

        var key = CaseKey(@case, caseId);
        var zone = @case.TimeZone;
        var stamp = clock.GetCurrentInstant();
        var dtStamp = new CalDateTime(stamp.InUtc().Year, stamp.InUtc().Month, stamp.InUtc().Day, stamp.InUtc().Hour, stamp.InUtc().Minute, stamp.InUtc().Second, CalDateTime.UtcTzId);

        var entries = plan.Steps
            .Where(s => s.Status is PlanStepStatus.Next or PlanStepStatus.Projected && s.On is not null)
            .GroupBy(s => s.Rule ?? "Step" + s.Step.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .Select(g => g.OrderBy(s => s.Step).ToArray())
            .OrderBy(g => g[0].On)
            .ThenBy(g => g[0].Step)
            .ToArray();

        var calendar = new IcalCalendar { ProductId = ProductId };
        if (entries.Length > 0)
        {
            var earliest = entries.Min(g => g[0].WindowStart ?? g[0].On!.Value);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.ToDateTimeUnspecified(), includeHistoricalData: false));
        }

        foreach (var steps in entries)
        {
            var first = steps[0];
            var rule = Sanitize(first.Rule ?? "Step" + first.Step.ToString(CultureInfo.InvariantCulture));
            var summary = Summary(@case, steps);
            var description = Description(@case, steps);
            var start = first.On!.Value.At(options.TimeOfDay);

            var reminder = new CalendarEvent
            {
                Uid = $"{key}-{rule}@{options.UidDomain}",
                DtStamp = dtStamp,
                DtStart = new CalDateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, zone),
                Duration = ToIcal(options.ReminderLength),
                Summary = summary,
                Description = description,
            };
            if (options.AlarmBefore is { } before)
            {
                reminder.Alarms.Add(new Alarm
                {
                    Action = Ical.Net.AlarmAction.Display,
                    Description = summary,
                    Trigger = new Trigger(ToIcal(-before)),
                });
            }

            calendar.Events.Add(reminder);

            if (options.WindowAsAllDayEvent && first.WindowStart is { } windowStart && first.WindowEnd is { } windowEnd)
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{key}-{rule}-window@{options.UidDomain}",
                    DtStamp = dtStamp,
                    DtStart = new CalDateTime(new DateOnly(windowStart.Year, windowStart.Month, windowStart.Day)),
                    DtEnd = new CalDateTime(new DateOnly(windowEnd.Year, windowEnd.Month, windowEnd.Day).AddDays(1)),
                    Summary = "Window: " + summary,
                    Description = description,
                    Transparency = "TRANSPARENT",
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>
    /// Returns the key that starts every UID of <paramref name="case"/>'s entries: <paramref name="caseId"/>
    /// when it is made of letters, digits, dots, hyphens and underscores (at most 64 characters),
    /// otherwise the first 32 hex digits of a SHA-256 of it or, with no case id, of the candidate,
    /// company and role (trimmed, lower case) and the first event's date.
    /// </summary>
    /// <param name="case">The case.</param>
    /// <param name="caseId">The host's id for the case, or <see langword="null"/>.</param>
    /// <returns>The key, such as <c>case-42</c> or <c>3f1c...</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public static string CaseKey(RunnerUpCase @case, string? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (caseId is not null)
        {
            return SafeId().IsMatch(caseId) ? caseId : Hash(caseId);
        }

        var first = @case.Events is { Count: > 0 } events ? LocalDatePattern.Iso.Format(events[0].On) : string.Empty;
        return Hash(string.Join('\n', Norm(@case.Candidate), Norm(@case.Company), Norm(@case.Role), first));
    }

    private static string Summary(RunnerUpCase @case, PlanStep[] steps)
    {
        var numbers = steps.Length == 1
            ? "Step " + steps[0].Step.ToString(CultureInfo.InvariantCulture)
            : "Steps " + string.Join('-', steps[0].Step.ToString(CultureInfo.InvariantCulture), steps[^1].Step.ToString(CultureInfo.InvariantCulture));
        return $"{numbers}: {steps[0].Title} ({@case.Role.Trim()}, {@case.Company.Trim()})";
    }

    private static string Description(RunnerUpCase @case, PlanStep[] steps)
    {
        var first = steps[0];
        var text = new StringBuilder();
        text.Append(first.Guidance).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Due: {first.On!.Value.ToString("dddd yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        text.Append(first.Status == PlanStepStatus.Projected ? " (projected: assumes the earlier steps happen when due).\n" : ".\n");
        if (first.WindowStart is { } ws && first.WindowEnd is { } we)
        {
            text.Append(CultureInfo.InvariantCulture, $"On time from {LocalDatePattern.Iso.Format(ws)} to {LocalDatePattern.Iso.Format(we)}.\n");
        }

        if (@case.Contact is { } contact)
        {
            text.Append("Contact: ").Append(contact.Name.Trim());
            text.Append(contact.Email is null ? ".\n" : $" ({contact.Email}).\n");
        }

        text.Append("Playbook: ").Append(string.Join("; ", steps.Select(s => $"{s.Step.ToString(CultureInfo.InvariantCulture)}. {s.Title}"))).Append('.');
        return text.ToString();
    }

    private static void CheckOptions(CalendarExportOptions options)
    {
        if (options.ReminderLength <= NodaTime.Duration.Zero)
        {
            throw new ArgumentException("ReminderLength must be positive.", nameof(options));
        }

        if (options.AlarmBefore < NodaTime.Duration.Zero)
        {
            throw new ArgumentException("AlarmBefore must not be negative.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.UidDomain) || !Domain().IsMatch(options.UidDomain))
        {
            throw new ArgumentException("UidDomain must be letters, digits, dots and hyphens.", nameof(options));
        }
    }

    // Whole minutes and seconds are written as such; a day stays P1D rather than PT24H.
    private static IcalDuration ToIcal(NodaTime.Duration d)
    {
        var sign = d < NodaTime.Duration.Zero ? -1 : 1;
        var abs = sign < 0 ? -d : d;
        var days = (int)abs.Days;
        var rest = abs - NodaTime.Duration.FromDays(days);
        int? Part(int value) => value == 0 ? null : sign * value;
        var result = new IcalDuration(null, Part(days), Part(rest.Hours), Part(rest.Minutes), Part(rest.Seconds));
        return result.HasDate || result.HasTime ? result : IcalDuration.Zero;
    }

    private static string Norm(string? value) => (value ?? string.Empty).Trim().ToLowerInvariant();

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    private static string Sanitize(string value) => SafeId().IsMatch(value) ? value : Hash(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    [GeneratedRegex("^[A-Za-z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();
}
