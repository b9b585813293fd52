using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Planning;
using SecondChance.Rules;
using IcalCalendar = Ical.Net.Calendar;
using IcalDuration = Ical.Net.DataTypes.Duration;

namespace SecondChance.Calendar;

/// <summary>
/// Exports a case's plan as an iCalendar (RFC 5545) file the candidate imports into their own
/// calendar, or subscribes to as a feed: one reminder per upcoming action, at a chosen local time in
/// the case's time zone, and a cancellation for each action that is done or no longer applies.
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
/// <para>
/// Staying in sync: an action that has no upcoming entry and is done (its steps are
/// <see cref="PlanStepStatus.Done"/>), no longer applies (<see cref="PlanStepStatus.NotApplicable"/>,
/// such as every open step of a closed case), or was scheduled at an earlier point of the history
/// (<see cref="CasePlan.PlannedRules"/>: replaced by another action, such as the follow-up once an
/// opening is seen, or waiting on the employer again, such as the wait once they approach) is written
/// under its usual UID with <c>STATUS:CANCELLED</c>, so a calendar that holds the earlier entry strikes
/// or removes it instead of keeping a stale reminder. Every entry an earlier export wrote is therefore
/// in every later one: upcoming, or cancelled. A cancellation starts on the day the step was done (or,
/// when it no longer applies, on the plan's date) at the usual time; its window entry is cancelled
/// too. Every entry carries a <c>SEQUENCE</c> derived from the case alone: twice the number of
/// events, plus one for a cancellation. It only grows as the history grows, so a cancellation always
/// outranks the entry it replaces, and an entry that becomes upcoming again after a new event outranks
/// its cancellation. Re-exported later with the same history, an entry whose projected date moved
/// keeps its SEQUENCE and carries a later DTSTAMP, which is how RFC 5546 orders such revisions.
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
    /// <returns>The calendar, with CRLF line endings as RFC 5545 requires. A case with nothing upcoming holds only the cancellations of what is done or no longer applies.</returns>
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

        var eventCount = @case.Events?.Count ?? 0;
        var sequence = 2 * eventCount;
        var cancelled = Cancelled(plan, entries);

        var calendar = new IcalCalendar { ProductId = ProductId };
        if (options.CalendarName is { } name)
        {
            calendar.AddProperty("NAME", name);
            calendar.AddProperty("X-WR-CALNAME", name);
        }

        if (options.RefreshInterval is { } refresh)
        {
            var interval = new CalendarProperty("REFRESH-INTERVAL", ToIcal(refresh));
            interval.Parameters.Set("VALUE", "DURATION");
            calendar.AddProperty(interval);
            calendar.AddProperty(new CalendarProperty("X-PUBLISHED-TTL", ToIcal(refresh)));
        }
        if (entries.Length > 0 || cancelled.Count > 0)
        {
            // The zone's rules are read from a year before the earliest entry up to the machine's own
            // clock (the serializer's choice); starting no later than the stamp keeps that range valid
            // when every entry lies more than a year ahead.
            var earliest = entries.Select(g => g[0].WindowStart ?? g[0].On!.Value).Concat(cancelled.Select(c => c.On)).Append(stamp.InUtc().Date).Min();
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.ToDateTimeUnspecified(), includeHistoricalData: false));
        }

        foreach (var steps in entries)
        {
            var first = steps[0];
            var rule = Sanitize(first.Rule ?? "Step" + first.Step.ToString(CultureInfo.InvariantCulture));
            var summary = Summary(@case, steps);
            var description = Description(@case, steps);
            var start = first.On!.Value.At(options.TimeOfDay);

            var reminder = Timed($"{key}-{rule}@{options.UidDomain}", dtStamp, start, zone, options, summary, description, sequence);
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
                    Sequence = sequence,
                });
            }
        }

        foreach (var c in cancelled)
        {
            var rule = Sanitize(c.Rule.Name);
            var start = c.On.At(options.TimeOfDay);
            var summary = (c.Done ? "Done: " : "No longer applies: ") + Summary(@case, c.Steps, PlaybookSteps.Title(c.Steps[0].Step, c.Rule.Action));
            var description = c.Done
                ? $"Done on {LocalDatePattern.Iso.Format(c.On)}. Nothing more to do for this step."
                : $"No longer applies as of {LocalDatePattern.Iso.Format(c.On)}: the case moved past this step, another action took its place, or the case closed.";
            var withdrawn = Timed($"{key}-{rule}@{options.UidDomain}", dtStamp, start, zone, options, summary, description, sequence + 1);
            withdrawn.Status = "CANCELLED";
            withdrawn.Transparency = "TRANSPARENT";
            calendar.Events.Add(withdrawn);
            if (options.WindowAsAllDayEvent && HasWindow(c.Rule.Due))
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{key}-{rule}-window@{options.UidDomain}",
                    DtStamp = dtStamp,
                    DtStart = new CalDateTime(new DateOnly(c.On.Year, c.On.Month, c.On.Day)),
                    DtEnd = new CalDateTime(new DateOnly(c.On.Year, c.On.Month, c.On.Day).AddDays(1)),
                    Summary = "Window: " + summary,
                    Description = description,
                    Status = "CANCELLED",
                    Sequence = sequence + 1,
                    Transparency = "TRANSPARENT",
                });
            }
        }

        return Refold(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }

    /// <summary>
    /// Folds content lines at 75 octets of UTF-8 (RFC 5545, 3.1) between whole characters. The
    /// serializer folds by UTF-16 units and can split a surrogate pair, which turns an emoji in a
    /// name or guidance into two replacement characters in every calendar that reads the file.
    /// </summary>
    internal static string Refold(string ics)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        var output = new StringBuilder(unfolded.Length + (unfolded.Length / 64));
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var octets = 0;
            var limit = 75;
            for (var i = 0; i < line.Length; i++)
            {
                var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]) ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
                if (octets + size > limit)
                {
                    // A continuation line starts with a space, which counts towards its 75 octets.
                    output.Append("\r\n ");
                    octets = 0;
                    limit = 74;
                }

                output.Append(line, i, width);
                octets += size;
                i += width - 1;
            }

            output.Append("\r\n");
        }

        return output.ToString();
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

    // Every action rule with no upcoming entry whose steps are done or no longer apply, or that an
    // earlier point of the history scheduled (CasePlan.PlannedRules): a done step names its rule; a
    // step that no longer applies is looked up among the rules covering it.
    private static List<Cancellation> Cancelled(CasePlan plan, PlanStep[][] entries)
    {
        var active = new HashSet<string>(entries.Select(g => g[0].Rule ?? string.Empty), StringComparer.Ordinal);
        var planned = new HashSet<string>(plan.PlannedRules, StringComparer.Ordinal);
        var result = new List<Cancellation>();
        foreach (var rule in plan.RuleSet.Rules)
        {
            if (rule.Action == PlaybookAction.None || active.Contains(rule.Name))
            {
                continue;
            }

            var done = plan.Steps.Where(s => s.Status == PlanStepStatus.Done && s.Rule == rule.Name && s.On is not null).OrderBy(s => s.Step).ToArray();
            if (done.Length > 0)
            {
                result.Add(new Cancellation(rule, done, done.Max(s => s.On!.Value), Done: true));
                continue;
            }

            var gone = plan.Steps.Where(s => s.Status == PlanStepStatus.NotApplicable && rule.Covers.Contains(s.Step)).OrderBy(s => s.Step).ToArray();
            if (gone.Length > 0 && gone.Length == rule.Covers.Count(c => plan.Steps.Any(s => s.Step == c)))
            {
                result.Add(new Cancellation(rule, gone, plan.Today, Done: false));
                continue;
            }

            // Scheduled by an earlier point of the history, and now neither upcoming, done by this
            // rule, nor wholly inapplicable: replaced by another rule, or waiting on the employer.
            if (planned.Contains(rule.Name))
            {
                var covered = plan.Steps.Where(s => rule.Covers.Contains(s.Step)).OrderBy(s => s.Step).ToArray();
                if (covered.Length == 0)
                {
                    continue;
                }

                var doneElsewhere = covered.All(s => s.Status == PlanStepStatus.Done && s.On is not null);
                result.Add(doneElsewhere
                    ? new Cancellation(rule, covered, covered.Max(s => s.On!.Value), Done: true)
                    : new Cancellation(rule, covered, plan.Today, Done: false));
            }
        }

        return result.OrderBy(c => c.On).ThenBy(c => c.Steps[0].Step).ToList();
    }

    private static CalendarEvent Timed(string uid, CalDateTime stamp, LocalDateTime start, string zone, CalendarExportOptions options, string summary, string description, int sequence) => new()
    {
        Uid = uid,
        DtStamp = stamp,
        DtStart = new CalDateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, zone),
        Duration = ToIcal(options.ReminderLength),
        Summary = summary,
        Description = description,
        Sequence = sequence,
    };

    // The policies whose due date comes with an on-time window, and so with a window entry.
    private static bool HasWindow(DuePolicy due) => due.Kind switch
    {
        DuePolicyKind.LevelWaitAfter or DuePolicyKind.DaysAfter => true,
        DuePolicyKind.LevelMonthsAfter or DuePolicyKind.MonthsAfter => due.WindowDays > 0,
        _ => false,
    };

    private static string Summary(RunnerUpCase @case, PlanStep[] steps, string? title = null)
    {
        var numbers = steps.Length == 1
            ? "Step " + steps[0].Step.ToString(CultureInfo.InvariantCulture)
            : "Steps " + string.Join('-', steps[0].Step.ToString(CultureInfo.InvariantCulture), steps[^1].Step.ToString(CultureInfo.InvariantCulture));
        return $"{numbers}: {title ?? steps[0].Title} ({@case.Role.Trim()}, {@case.Company.Trim()})";
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

        if (options.CalendarName is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl)))
        {
            throw new ArgumentException("CalendarName must be 1 to 200 characters without line breaks, or null.", nameof(options));
        }

        if (options.RefreshInterval < NodaTime.Duration.FromMinutes(1))
        {
            throw new ArgumentException("RefreshInterval must be at least one minute, or null.", nameof(options));
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

    private sealed record Cancellation(PlaybookRule Rule, PlanStep[] Steps, LocalDate On, bool Done);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    [GeneratedRegex("^[A-Za-z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();
}
