using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The reminder a case write makes due-able, for the outbox, written by the store in the same transaction
/// as the case row: the case's unsent reminders with another id are superseded, and this one is added on
/// each channel unless it is there already (a repeated write never queues it twice).
/// </summary>
/// <param name="ReminderId">The stable reminder id, or <see langword="null"/> when the case has no reminder now (only supersedes).</param>
/// <param name="SendAt">When the reminder becomes due.</param>
/// <param name="Payload">The reminder as JSON, as the dispatcher reads it back.</param>
/// <param name="Channels">The channels it goes out on (<c>webhook</c>, <c>email</c>); empty means none.</param>
/// <param name="CreatedAt">When the case write happened.</param>
public sealed record OutboxWrite(string? ReminderId, Instant SendAt, string Payload, IReadOnlyList<string> Channels, Instant CreatedAt)
{
    /// <summary>Gets a write that only supersedes the case's unsent reminders.</summary>
    public static OutboxWrite None(Instant now) => new(null, now, string.Empty, [], now);
}
