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
    /// Recomputes, in <paramref name="transaction"/>, the due dates of a tenant's cases that were derived with
    /// other rules, and re-plans their reminders the way a case write does (a pending reminder that no longer
    /// matches is superseded, the new one is queued; one already there, sent or not, is left as it is). A case
    /// that meanwhile got these rules is left alone. Returns how many rows changed. <paramref name="supersede"/> is the
    /// store's statement for superseding reminders (<see cref="IntegrationRows.Supersede"/> unless given).
    /// </summary>
    public static int RefreshDerived(DbConnection connection, DbTransaction transaction, string tenant, string rules, Func<string, string, CaseRow?> derive, string? supersede = null)
    {
        ArgumentNullException.ThrowIfNull(derive);
        var stale = new List<(string Id, string Document)>();
        using (var read = IntegrationRows.Command(connection, transaction, "SELECT id, document FROM cases WHERE tenant = @tenant AND rules <> @rules;", ("@tenant", tenant), ("@rules", rules)))
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

        return changed;
    }
}
