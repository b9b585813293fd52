using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Where the web sample keeps cases and idempotency keys, whatever the database. An implementation
/// keeps these guarantees: a case's writes are applied one at a time and only over the version that
/// was read (a stale version answers <see cref="AppendOutcome.Conflict"/>); an acknowledged write is
/// never lost or applied twice; a known idempotency key replays instead of writing again.
/// </summary>
public interface ICaseStore
{
    /// <summary>Gets where the data lives, for the start-up log (a file path, a server and database name).</summary>
    string Location { get; }

    /// <summary>Creates the schema or brings it up to the newest migration; called once at start, before any request.</summary>
    void Initialize();

    /// <summary>Returns whether the database answers a trivial query now.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    /// <summary>Reads one case of a tenant; <see langword="null"/> when the tenant has no such case.</summary>
    Task<StoredCase?> GetAsync(string tenant, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one case of a tenant, leaving its document out when the stored version is still
    /// <paramref name="knownVersion"/> (versions start at 1, so 0 always reads the document);
    /// <see langword="null"/> when the tenant has no such case. Every write of a document adds one to its
    /// version under the same check that turns a concurrent write into a 409, so one version of a case
    /// is one document.
    /// </summary>
    Task<CaseReading?> GetIfChangedAsync(string tenant, string id, long knownVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a stamp of what has been committed to the database: a later call returns the same stamp only
    /// when nothing at all was committed in between, by this process or any other sharing the database, and
    /// every commit that finished before a call began is in the stamp it returns. A cache can then serve what
    /// it checked at one stamp, without asking again, while the stamp stays the same.
    /// <see langword="null"/> (the default) when the store cannot tell cheaply: a cache asks for the case's
    /// version (<see cref="GetIfChangedAsync"/>) on every read.
    /// </summary>
    long? CommitStamp() => null;

    /// <summary>Stores a new case at version 1.</summary>
    Task CreateAsync(string tenant, string id, CaseRow row, CancellationToken cancellationToken);

    /// <summary>
    /// Records an event on a case: answers the remembered outcome for a known, unexpired idempotency key;
    /// otherwise reads the case, asks <paramref name="decide"/> what to write, and writes it only over the
    /// version that was read, remembering the key (if any) in the same transaction. Writers to one case
    /// are applied one after another; writers to other cases never wait for them. <paramref name="decide"/>
    /// gets the stored version with its document, or without it (<see langword="null"/>) when that version is
    /// <see cref="AppendRequest.KnownVersion"/>: the caller then decides over its own copy.
    /// </summary>
    Task<AppendResult> AppendAsync(AppendRequest request, Func<CaseReading, AppendStep> decide, CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="count"/> of a tenant's open cases whose next action is due on or before
    /// <paramref name="onOrBefore"/> (an ISO date), ordered by due date then id, starting after <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<DueCase>> DueAsync(string tenant, string onOrBefore, AgendaPosition? after, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a number that changes whenever any case of the tenant is created or changed, by this
    /// process or another sharing the database; what was computed from the tenant's cases at one value
    /// still holds while it stays the same.
    /// </summary>
    Task<long> TenantVersionAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Streams all a tenant's cases with their ids and versions, one row at a time.</summary>
    IAsyncEnumerable<StoredCase> AllAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Streams the documents of all a tenant's cases, one row at a time: <see cref="AllAsync"/> without ids and versions.</summary>
    async IAsyncEnumerable<string> DocumentsAsync(string tenant, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in AllAsync(tenant, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return stored.Document;
        }
    }

    /// <summary>
    /// Recomputes the derived columns of a tenant's cases that were computed with other rules (the
    /// tenant's rule set or level profiles changed since they were written), each case in the same
    /// transaction as the reminders its recomputed row carries (<see cref="CaseRow.Outbox"/>, written as a
    /// case write writes them), <see cref="StorageOptions.RecomputeBatchSize"/> cases per transaction.
    /// <paramref name="derive"/> gets a case's id and document. Returns how many changed.
    /// </summary>
    int RefreshDerived(string tenant, string rules, Func<string, string, CaseRow?> derive);

    /// <summary>Deletes the idempotency keys that expired at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredKeysAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>Records a candidate link issued for a tenant's case, not revoked, expiring at <paramref name="expiresAt"/>.</summary>
    Task AddLinkAsync(string tenant, string caseId, string linkId, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>Returns whether the link was issued for that tenant's case and is not revoked.</summary>
    Task<bool> IsLinkActiveAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken);

    /// <summary>Revokes a link of a tenant's case; returns whether there was such a link.</summary>
    Task<bool> RevokeLinkAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken);
}
