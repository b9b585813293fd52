using NodaTime;
using SecondChance.Rules;

namespace SecondChance.Integrations.Reminders;

/// <summary>A reminder that a case's next action comes due: what to do, by when, and when to tell.</summary>
/// <remarks>
/// <see cref="Id"/> is the same for the same case, rule and due date however often it is planned, so a
/// sender can use it as the message id and a receiver can drop duplicates. When an event moves the due
/// date or changes the rule, the id changes with it.
/// </remarks>
public sealed record Reminder
{
    /// <summary>Gets the stable reminder id: <c>rem_</c> and 32 hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the host's id of the case.</summary>
    public required string CaseId { get; init; }

    /// <summary>Gets the rule that decided the action.</summary>
    public required string Rule { get; init; }

    /// <summary>Gets the action that comes due.</summary>
    public required PlaybookAction Action { get; init; }

    /// <summary>Gets the playbook step, when the rule has one.</summary>
    public int? Step { get; init; }

    /// <summary>Gets the playbook steps the action covers.</summary>
    public IReadOnlyList<int> Covers { get; init; } = [];

    /// <summary>Gets the due date.</summary>
    public required LocalDate DueOn { get; init; }

    /// <summary>Gets the first day of the on-time window, when there is one.</summary>
    public LocalDate? WindowStart { get; init; }

    /// <summary>Gets the last day of the on-time window, when there is one.</summary>
    public LocalDate? WindowEnd { get; init; }

    /// <summary>Gets the rule's guidance.</summary>
    public required string Guidance { get; init; }

    /// <summary>Gets the local date and time the reminder is due from, in <see cref="TimeZone"/>.</summary>
    public required LocalDateTime LocalSendTime { get; init; }

    /// <summary>Gets the case's IANA time zone.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Gets the instant the reminder is due from: <see cref="LocalSendTime"/> in <see cref="TimeZone"/> (a time skipped by a clock change moves forward by the gap).</summary>
    public required Instant SendAt { get; init; }
}
