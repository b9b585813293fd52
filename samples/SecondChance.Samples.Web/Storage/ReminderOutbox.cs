using System.Data.Common;
using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What both providers' outboxes do the same way, over the database's <see cref="DbDataSource"/> (parameters named
/// <c>@name</c> work on both). Only the claim differs: each provider takes rows its own way so that two claimers
/// never get the same row.
/// </summary>
public abstract class ReminderOutbox(DbDataSource source) : IReminderOutbox
{
    private const string Select = "SELECT tenant, reminder_id, channel, case_id, send_at, reminder, state, attempts, last_error, sent_at FROM reminder_outbox";

    /// <summary>Queues the pending reminders of one tenant's bucket range that are due by <c>@now</c> (the sweep).</summary>
    internal const string EnqueueDue = """
        UPDATE reminder_outbox SET enqueued_at = @now
        WHERE tenant = @tenant AND case_bucket >= @from AND case_bucket < @to
          AND state = 'pending' AND send_at <= @now AND enqueued_at IS NULL;
        """;

    /// <summary>
    /// A case's reminders, newest first. The keys come from the case index (which covers them), so SQLite never
    /// prefers reading the whole tenant through the primary key.
    /// </summary>
    internal const string ForCase = Select + """
         WHERE (tenant, reminder_id, channel) IN (SELECT tenant, reminder_id, channel FROM reminder_outbox WHERE tenant = @tenant AND case_id = @case)
         ORDER BY created_at DESC, send_at DESC, channel;
        """;

    /// <summary>The columns a claim returns, in the order <see cref="ReadAllAsync"/> reads them.</summary>
    protected const string Columns = "tenant, reminder_id, channel, case_id, send_at, reminder, state, attempts, last_error, sent_at";

    /// <summary>Gets the database.</summary>
    protected DbDataSource Source { get; } = source;

    /// <inheritdoc/>
    public async Task<int> EnqueueDueAsync(string tenant, int fromBucket, int toBucket, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await Source.OpenConnectionAsync(cancellationToken);
        await using var enqueue = IntegrationRows.Command(connection, null, EnqueueDue,
            ("@now", now.ToUnixTimeMilliseconds()), ("@tenant", tenant), ("@from", fromBucket), ("@to", toBucket));
        return await enqueue.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public abstract Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string? tenant, int fromBucket, int toBucket, string owner, Instant now, Duration lease, int limit, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> CompleteAsync(OutboxMessage message, string owner, OutboxState state, int attempts, string? lastError, Instant now, Instant? retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await Source.OpenConnectionAsync(cancellationToken);
        await using var update = IntegrationRows.Command(connection, null, """
            UPDATE reminder_outbox
            SET state = @state, attempts = attempts + @attempts, last_error = @error, claimed_by = NULL, lease_until = CAST(@retry_after AS BIGINT),
                sent_at = CASE WHEN @state = 'sent' THEN @now ELSE sent_at END
            WHERE tenant = @tenant AND reminder_id = @reminder AND channel = @channel AND claimed_by = @owner AND state = 'pending';
            """,
            ("@state", Name(state)), ("@attempts", attempts), ("@error", lastError), ("@retry_after", retryAfter?.ToUnixTimeMilliseconds()),
            ("@now", now.ToUnixTimeMilliseconds()), ("@tenant", message.Tenant), ("@reminder", message.ReminderId), ("@channel", message.Channel), ("@owner", owner));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxMessage>> ForCaseAsync(string tenant, string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await Source.OpenConnectionAsync(cancellationToken);
        await using var read = IntegrationRows.Command(connection, null, ForCase,
            ("@tenant", tenant), ("@case", caseId));
        return await ReadAllAsync(read, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxMessage>> FailedAsync(string tenant, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Source.OpenConnectionAsync(cancellationToken);
        await using var read = IntegrationRows.Command(connection, null, Select + " WHERE tenant = @tenant AND state = 'failed' ORDER BY created_at DESC, reminder_id, channel LIMIT @limit;",
            ("@tenant", tenant), ("@limit", limit));
        return await ReadAllAsync(read, cancellationToken);
    }

    /// <summary>Reads the rows of a query that selects <see cref="Columns"/>.</summary>
    protected static async Task<IReadOnlyList<OutboxMessage>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var list = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new OutboxMessage(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Instant.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.GetString(5),
                Enum.Parse<OutboxState>(reader.GetString(6), ignoreCase: true),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : Instant.FromUnixTimeMilliseconds(reader.GetInt64(9))));
        }

        return list;
    }

    /// <summary>The parameters of a claim, shared by both providers' claim statements.</summary>
    protected static (string Name, object? Value)[] ClaimParameters(string? tenant, int fromBucket, int toBucket, string owner, Instant now, Duration lease, int limit) =>
    [
        ("@tenant", tenant), ("@from", fromBucket), ("@to", toBucket), ("@owner", owner),
        ("@now", now.ToUnixTimeMilliseconds()), ("@until", (now + lease).ToUnixTimeMilliseconds()), ("@limit", limit),
    ];

    /// <summary>The condition on a row a claim may take: queued, still pending, in the range, and not under a live lease.</summary>
    protected const string Claimable = """
        state = 'pending' AND enqueued_at IS NOT NULL
        AND (@tenant IS NULL OR tenant = @tenant) AND case_bucket >= @from AND case_bucket < @to
        AND (lease_until IS NULL OR lease_until < @now)
        """;

    private static string Name(OutboxState state) => state.ToString().ToLowerInvariant();
}

/// <summary>
/// The outbox in the SQLite file: a claim runs inside <c>BEGIN IMMEDIATE</c>, so it holds the file's one write lock
/// from the moment it reads which rows are free until it has marked them, and no other claimer (in this process
/// or another) can take the same rows.
/// </summary>
public sealed class SqliteReminderOutbox(DbDataSource source) : ReminderOutbox(source)
{
    /// <summary>Takes up to <c>@limit</c> claimable rows in due order and returns them.</summary>
    internal const string Claim = $"""
        UPDATE reminder_outbox SET claimed_by = @owner, lease_until = @until
        WHERE (tenant, reminder_id, channel) IN (
            SELECT tenant, reminder_id, channel FROM reminder_outbox
            WHERE {Claimable}
            ORDER BY send_at, reminder_id, channel LIMIT @limit)
        RETURNING {Columns};
        """;

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string? tenant, int fromBucket, int toBucket, string owner, Instant now, Duration lease, int limit, CancellationToken cancellationToken)
    {
        await using var connection = (Microsoft.Data.Sqlite.SqliteConnection)await Source.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE
        await using var claim = IntegrationRows.Command(connection, transaction, Claim, ClaimParameters(tenant, fromBucket, toBucket, owner, now, lease, limit));
        var claimed = await ReadAllAsync(claim, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return claimed;
    }
}

/// <summary>
/// The outbox on PostgreSQL: a claim locks the rows it takes with <c>FOR UPDATE SKIP LOCKED</c>, so claimers on
/// several hosts each take different rows without waiting for one another.
/// </summary>
public sealed class PostgreSqlReminderOutbox(DbDataSource source) : ReminderOutbox(source)
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string? tenant, int fromBucket, int toBucket, string owner, Instant now, Duration lease, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var claim = IntegrationRows.Command(connection, transaction, $"""
            UPDATE reminder_outbox AS o SET claimed_by = @owner, lease_until = @until
            FROM (
                SELECT tenant, reminder_id, channel FROM reminder_outbox
                WHERE {Claimable.Replace("@tenant IS NULL", "@tenant::text IS NULL", StringComparison.Ordinal)}
                ORDER BY send_at, reminder_id, channel LIMIT @limit
                FOR UPDATE SKIP LOCKED) AS c
            WHERE o.tenant = c.tenant AND o.reminder_id = c.reminder_id AND o.channel = c.channel
            RETURNING o.tenant, o.reminder_id, o.channel, o.case_id, o.send_at, o.reminder, o.state, o.attempts, o.last_error, o.sent_at;
            """, ClaimParameters(tenant, fromBucket, toBucket, owner, now, lease, limit));
        var claimed = await ReadAllAsync(claim, cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return claimed;
    }
}
