using System.Data.Common;
using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>What both stores read and write the same way, through plain ADO.NET (parameters named <c>@name</c> work on both).</summary>
internal static class StoredRows
{
    /// <summary>Days are stored as a number of days since this one.</summary>
    public static readonly LocalDate DayZero = new(1970, 1, 1);

    /// <summary>The stored number of a day.</summary>
    public static int DayNumber(LocalDate day) => Period.DaysBetween(DayZero, day);

    /// <summary>
    /// What a found key means, from a row of <c>request_hash, status, event_count, decided_on</c> (from
    /// column <paramref name="first"/> on): a replay when the request hash matches, otherwise a key used for another request.
    /// </summary>
    public static AppendResult KeyOutcome(DbDataReader reader, byte[] requestHash, int first = 0) =>
        ((byte[])reader.GetValue(first)).AsSpan().SequenceEqual(requestHash)
            ? new AppendResult(AppendOutcome.Replayed, Replay: new IdempotencyRecord(reader.GetInt32(first + 1), reader.GetInt32(first + 2), DayZero.PlusDays(reader.GetInt32(first + 3))))
            : new AppendResult(AppendOutcome.KeyReused);

    /// <summary>Refuses a request whose <see cref="AppendRequest.KnownVersion"/> is negative (versions start at 1; 0 is none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The known version is negative.</exception>
    public static void CheckKnown(AppendRequest request)
    {
        if (request.KnownVersion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.KnownVersion, $"The known version of case '{request.Id}' must be 0 (none) or more.");
        }
    }

    /// <summary>
    /// The case an append decides over: the stored version with its document, which the store left out only
    /// when that version is the one the caller holds.
    /// </summary>
    public static CaseReading Current(AppendRequest request, string? document, long version) =>
        document is not null || (version == request.KnownVersion && version > 0)
            ? new CaseReading(version, document)
            : throw new InvalidOperationException($"The store left out the document of case '{request.Id}' at version {version}, which the request did not hold.");

    /// <summary>
    /// Recomputes the due dates of a tenant's cases that were derived with other rules, one batch of cases
    /// per transaction, and returns how many rows changed. <paramref name="batch"/> runs
    /// <see cref="RefreshBatch"/> in a transaction of its own for the cases after the given id and commits
    /// it. A tenant's refresh after a rules change thus never holds the database for all its cases at once
    /// (another host sharing it writes between two batches), nor reads them all into memory; one that stops
    /// half way is taken up again at the next start, since only rows of other rules are read.
    /// </summary>
    public static int RefreshDerived(int batchSize, Func<string, RefreshedBatch> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var changed = 0;
        var after = string.Empty;
        while (true)
        {
            var done = batch(after);
            changed += done.Changed;
            if (done.Read < batchSize || done.LastId is null)
            {
                return changed;
            }

            after = done.LastId;
        }
    }

    /// <summary>
    /// Recomputes, in <paramref name="transaction"/>, the due dates of up to <paramref name="batchSize"/> of a
    /// tenant's cases derived with other rules, those with ids after <paramref name="afterId"/> in id order,
    /// and re-plans their reminders the way a case write does (a pending reminder that no longer matches is
    /// superseded, the new one is queued; one already there, sent or not, is left as it is). A case that
    /// meanwhile got these rules is left alone, and one <paramref name="derive"/> gives nothing for (its
    /// document is not valid) stays as it is. <paramref name="supersede"/> is the store's statement for
    /// superseding reminders (<see cref="IntegrationRows.Supersede"/> unless given).
    /// </summary>
    public static RefreshedBatch RefreshBatch(DbConnection connection, DbTransaction transaction, string tenant, string rules, Func<string, string, CaseRow?> derive, string afterId, int batchSize, string? supersede = null)
    {
        ArgumentNullException.ThrowIfNull(derive);
        var stale = new List<(string Id, string Document)>(Math.Min(batchSize, 1024));
        using (var read = IntegrationRows.Command(connection, transaction, "SELECT id, document FROM cases WHERE tenant = @tenant AND id > @after AND rules <> @rules ORDER BY id LIMIT @limit;",
                   ("@tenant", tenant), ("@after", afterId), ("@rules", rules), ("@limit", batchSize)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                stale.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var changed = 0;
        foreach (var (id, document) in stale)
        {
            if (derive(id, document) is not { } row)
            {
                continue;
            }

            using var write = IntegrationRows.Command(connection, transaction, "UPDATE cases SET next_due = @next_due, rules = @rules WHERE tenant = @tenant AND id = @id AND rules <> @rules;",
                ("@tenant", tenant), ("@id", id), ("@next_due", row.NextDue), ("@rules", row.Rules));
            if (write.ExecuteNonQuery() == 1)
            {
                IntegrationRows.Write(connection, transaction, tenant, id, row, supersede);
                changed++;
            }
        }

        return new RefreshedBatch(stale.Count, changed, stale.Count > 0 ? stale[^1].Id : null);
    }
}

/// <summary>What one batch of <see cref="StoredRows.RefreshBatch"/> did: cases read, rows changed, and the last id read (none when it read none).</summary>
internal readonly record struct RefreshedBatch(int Read, int Changed, string? LastId);
