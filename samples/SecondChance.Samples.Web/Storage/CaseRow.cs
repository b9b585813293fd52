namespace SecondChance.Samples.Web.Storage;

/// <summary>What the host writes for a case: the document plus the columns derived from it for listing and the agenda.</summary>
/// <param name="Document">The case JSON document.</param>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="Company">The employer's name.</param>
/// <param name="NextDue">The next action's due date as an ISO date, or <see langword="null"/> when nothing is due (closed).</param>
/// <param name="Rules">The fingerprint of the rules that computed <paramref name="NextDue"/>.</param>
/// <param name="TimeZone">The case's IANA time zone id, so the agenda can tell "today" for it without reading the document.</param>
public sealed record CaseRow(string Document, string Candidate, string Company, string? NextDue, string Rules, string TimeZone)
{
    /// <summary>Gets the reminder this write makes due-able, written to the outbox in the same transaction; <see langword="null"/> leaves the outbox alone.</summary>
    public OutboxWrite? Outbox { get; init; }

    /// <summary>Gets the ATS delivery that created this case, recorded in the same transaction (a new case only).</summary>
    public IntakeDelivery? Intake { get; init; }
}
