using System.Data.Common;
using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The ATS deliveries a tenant received (table <c>intake_deliveries</c>), on either provider, so a redelivery
/// creates nothing new. A delivery that created a case is recorded by the store in the case's transaction
/// (<see cref="CaseRow.Intake"/>); an ignored one is recorded here on its own.
/// </summary>
public sealed class IntakeLog(DbDataSource source)
{
    /// <summary>The delivery with this id, or else the case already made for the same candidate in the ATS.</summary>
    internal const string Find = """
        SELECT case_id, outcome FROM intake_deliveries
        WHERE tenant = @tenant AND source = @source
          AND (delivery_id = @delivery OR (external_id = @external AND case_id IS NOT NULL))
        ORDER BY CASE WHEN delivery_id = @delivery THEN 0 ELSE 1 END LIMIT 1;
        """;

    /// <summary>A delivery seen before: the case it created (if any) and how it ended.</summary>
    public sealed record Seen(string? CaseId, string Outcome);

    /// <summary>Finds a delivery by its id, or the case an earlier delivery made for the same ATS application.</summary>
    public async Task<Seen?> FindAsync(string tenant, string source, string deliveryId, string? externalId, CancellationToken cancellationToken)
    {
        await using var connection = await Source().OpenConnectionAsync(cancellationToken);
        await using var find = IntegrationRows.Command(connection, null, Find,
            ("@tenant", tenant), ("@source", source), ("@delivery", deliveryId), ("@external", externalId));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Seen(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Records a delivery that was acknowledged and ignored (not a runner-up notice), with the reason.</summary>
    public async Task RecordIgnoredAsync(string tenant, string source, string deliveryId, string? externalId, string reason, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await Source().OpenConnectionAsync(cancellationToken);
        await using var insert = IntegrationRows.Command(connection, null, """
            INSERT INTO intake_deliveries (tenant, source, delivery_id, external_id, case_id, outcome, reason, received_at)
            VALUES (@tenant, @source, @delivery, @external, NULL, 'ignored', @reason, @now)
            ON CONFLICT (tenant, source, delivery_id) DO NOTHING;
            """,
            ("@tenant", tenant), ("@source", source), ("@delivery", deliveryId), ("@external", externalId), ("@reason", reason), ("@now", now.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbDataSource Source() => source;
}
