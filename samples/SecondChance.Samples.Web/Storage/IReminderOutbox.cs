using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The reminder outbox, one implementation per storage provider. The case stores write a reminder in the same
/// transaction as the case write that makes it due-able (<see cref="CaseRow.Outbox"/>); from there a sweep
/// queues the ones whose time has come, a dispatcher claims queued ones with a lease, and records how each
/// delivery ended. Delivery is at least once: a message whose dispatcher died is claimed again when its lease
/// runs out, with the same reminder id. Two claimers never hold the same message at once.
/// </summary>
public interface IReminderOutbox
{
    /// <summary>
    /// Queues a tenant's pending messages in buckets [<paramref name="fromBucket"/>, <paramref name="toBucket"/>) whose
    /// send time is at or before <paramref name="now"/> and that no sweep queued yet. Returns how many it queued.
    /// </summary>
    Task<int> EnqueueDueAsync(string tenant, int fromBucket, int toBucket, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> queued messages (of <paramref name="tenant"/>, or of every tenant when it
    /// is <see langword="null"/>, in buckets [<paramref name="fromBucket"/>, <paramref name="toBucket"/>)) that no live
    /// lease holds, for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="lease"/>, and returns them.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string? tenant, int fromBucket, int toBucket, string owner, Instant now, Duration lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records how a claimed message's delivery ended: sent, failed for good (parked), or still pending and not to be
    /// claimed again before <paramref name="retryAfter"/>. Returns <see langword="false"/> when <paramref name="owner"/>
    /// no longer holds the message (its lease ran out and another dispatcher took it).
    /// </summary>
    Task<bool> CompleteAsync(OutboxMessage message, string owner, OutboxState state, int attempts, string? lastError, Instant now, Instant? retryAfter, CancellationToken cancellationToken);

    /// <summary>Lists a case's reminders on every channel, newest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> ForCaseAsync(string tenant, string caseId, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="limit"/> of a tenant's parked (failed) messages, newest first: the delivery log.</summary>
    Task<IReadOnlyList<OutboxMessage>> FailedAsync(string tenant, int limit, CancellationToken cancellationToken);
}
