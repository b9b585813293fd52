using NodaTime;

namespace SecondChance.Calendar;

/// <summary>Settings for <see cref="PlanCalendar.Export"/>. Mutable; read once per export.</summary>
public sealed class CalendarExportOptions
{
    /// <summary>Gets or sets the local time of day, in the case's time zone, at which each reminder starts.</summary>
    /// <value>The default value is 09:00.</value>
    public LocalTime TimeOfDay { get; set; } = new(9, 0);

    /// <summary>Gets or sets how long each timed reminder lasts in the calendar.</summary>
    /// <value>The default value is 30 minutes. Must be positive.</value>
    public Duration ReminderLength { get; set; } = Duration.FromMinutes(30);

    /// <summary>Gets or sets how long before a reminder its alarm (VALARM) goes off; <see langword="null"/> for no alarm.</summary>
    /// <value>The default value is one day. Must not be negative; zero rings at the reminder's start.</value>
    public Duration? AlarmBefore { get; set; } = Duration.FromDays(1);

    /// <summary>
    /// Gets or sets whether an action with an on-time window (such as the follow-up's 14 days either
    /// side of its due date) also gets an all-day entry spanning the window, marked free so it does
    /// not block the candidate's time. The timed reminder on the due date is written either way, and
    /// its description always states the window.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WindowAsAllDayEvent { get; set; } = true;

    /// <summary>Gets or sets the domain part of every entry's UID (<c>key-Rule@domain</c>).</summary>
    /// <value>The default value is <c>secondchance</c>. Letters, digits, dots and hyphens only.</value>
    public string UidDomain { get; set; } = "secondchance";

    /// <summary>
    /// Gets or sets the calendar's name for a subscribed feed (<c>NAME</c> of RFC 7986 and
    /// <c>X-WR-CALNAME</c>, which calendar apps show for the subscription); <see langword="null"/> for none.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. At most 200 characters, no line breaks.</value>
    public string? CalendarName { get; set; }

    /// <summary>
    /// Gets or sets how often a calendar app subscribed to the file as a feed should fetch it again
    /// (<c>REFRESH-INTERVAL</c> of RFC 7986 and <c>X-PUBLISHED-TTL</c>); <see langword="null"/> to leave it to the app.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. Must be at least one minute.</value>
    public Duration? RefreshInterval { get; set; }
}
