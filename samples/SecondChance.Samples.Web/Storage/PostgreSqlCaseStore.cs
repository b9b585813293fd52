using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The PostgreSQL store, for several hosts sharing one database server. The tables match the SQLite
/// store's. Every write is one transaction that takes the case's row lock (<c>SELECT ... FOR UPDATE</c>),
/// so writers to one case queue in the database whichever host they run on, while writers to other
/// cases never wait; the update still names the version it read. Idempotency keys are unique per
/// tenant and checked under the same lock. The tenant's change counter is spread over a few rows
/// (<see cref="ChangeShards"/>) so writes to one tenant's cases do not all queue on one row.
/// </summary>
public sealed class PostgreSqlCaseStore : ICaseStore, IAsyncDisposable, IDisposable
{
    /// <summary>How many rows a tenant's change counter is spread over.</summary>
    public const int ChangeShards = 16;

    // Any fixed number works, as long as every host uses the same one: it names the lock, not a row.
    private const long MigrationLock = 0x5EC0_4D_C4A4_CE17;

    private readonly NpgsqlDataSource _source;
    private readonly StorageOptions _options;
    private readonly IClock _clock;

    public PostgreSqlCaseStore(IConfiguration configuration, IOptions<StorageOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options.Value;
        _options.Validate();
        _clock = clock;
        var text = configuration.GetConnectionString("SecondChance");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:SecondChance is not a PostgreSQL connection string: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException("Storage:Provider is PostgreSql, so ConnectionStrings:SecondChance must name the server, such as \"Host=db;Database=secondchance;Username=app;Password=...\".");
        }

        Location = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        ConnectionString = builder.ConnectionString;
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Gets the connection string this store uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema history, oldest first. Never edit a released step: add a new one.</summary>
    public static IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new(1, "Cases with their derived columns, idempotency keys unique per tenant, and the tenant change counter spread over shards.", """
            CREATE TABLE cases (
                tenant    text COLLATE "C" NOT NULL,
                id        text COLLATE "C" NOT NULL,
                version   bigint NOT NULL,
                document  text   NOT NULL,
                candidate text   NOT NULL,
                company   text   NOT NULL,
                next_due  text COLLATE "C" NULL,
                rules     text   NOT NULL,
                time_zone text   NOT NULL,
                PRIMARY KEY (tenant, id)
            );
            CREATE INDEX ix_cases_agenda ON cases (tenant, next_due, id) WHERE next_due IS NOT NULL;
            CREATE TABLE idempotency (
                tenant       text COLLATE "C" NOT NULL,
                key_hash     bytea   NOT NULL,
                request_hash bytea   NOT NULL,
                status       integer NOT NULL,
                event_count  integer NOT NULL,
                decided_on   integer NOT NULL,
                expires_at   bigint  NOT NULL,
                PRIMARY KEY (tenant, key_hash)
            );
            CREATE INDEX ix_idempotency_expiry ON idempotency (expires_at);
            CREATE TABLE tenant_changes (
                tenant  text COLLATE "C" NOT NULL,
                shard   integer NOT NULL,
                version bigint  NOT NULL,
                PRIMARY KEY (tenant, shard)
            );
            """),
        new(2, "Candidate links: which were issued for which case, until when, and which were revoked.", """
            CREATE TABLE candidate_links (
                id         text COLLATE "C" NOT NULL PRIMARY KEY,
                tenant     text COLLATE "C" NOT NULL,
                case_id    text COLLATE "C" NOT NULL,
                expires_at bigint  NOT NULL,
                revoked    boolean NOT NULL
            );
            """),
        new(3, "The reminder outbox, the log of ATS deliveries, and Quartz.NET's job store tables (from the script Quartz ships for PostgreSQL).", IntegrationSchema.PostgreSql()),
        new(4, IntegrationSchema.ReplanDescription, IntegrationSchema.Replan),
        new(5, IntegrationSchema.OutboxIndexesDescription, IntegrationSchema.OutboxIndexes),
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Migrations[^1].Version;

    /// <inheritdoc/>
    /// <remarks>
    /// Hosts starting together take turns: each holds a session-level advisory lock while DbUp looks at
    /// its journal and applies what is missing, so one migrates and the others find nothing left to do.
    /// </remarks>
    public void Initialize()
    {
        try
        {
            using var connection = _source.OpenConnection();
            using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@lock);", connection))
            {
                take.Parameters.AddWithValue("lock", MigrationLock);
                take.CommandTimeout = 0; // waiting for another host's migration is expected, however long it takes
                take.ExecuteNonQuery();
            }

            try
            {
                SchemaMigrator.Upgrade(DbUp.DeployChanges.To.PostgresqlDatabase(ConnectionString), Migrations, "The " + Location);
            }
            finally
            {
                using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@lock);", connection);
                release.Parameters.AddWithValue("lock", MigrationLock);
                release.ExecuteNonQuery();
            }
        }
        catch (Exception ex) when (IsUnavailable(ex) || ex is NpgsqlException)
        {
            throw new StoreUnavailableException($"Cannot reach the {Location} (ConnectionStrings:SecondChance): {Describe(ex)}", ex);
        }
    }

    /// <summary>Returns whether <paramref name="exception"/> means the server cannot be reached or refuses work now, rather than a mistake in a request.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)                    // shutting down, cannot connect now
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)                     // out of resources, too many connections
            || pg.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState              // database not accepting connections
            || pg.SqlState == PostgresErrorCodes.InvalidCatalogName,                       // database does not exist
        NpgsqlException => true, // no answer from the server at all
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <inheritdoc/>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand("SELECT count(*) FROM schemaversions WHERE scriptname = @name;");
            command.Parameters.AddWithValue("name", SchemaMigrator.ScriptName(Migrations[^1]));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<StoredCase?> GetAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT document, version FROM cases WHERE tenant = @tenant AND id = @id;");
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredCase(id, reader.GetString(0), reader.GetInt64(1)) : null;
    }

    /// <inheritdoc/>
    public async Task<CaseReading?> GetIfChangedAsync(string tenant, string id, long knownVersion, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT version, CASE WHEN version = @known THEN NULL ELSE document END FROM cases WHERE tenant = @tenant AND id = @id;");
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("known", knownVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CaseReading(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <inheritdoc/>
    public async Task CreateAsync(string tenant, string id, CaseRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone)
            VALUES (@tenant, @id, 1, @document, @candidate, @company, @next_due, @rules, @time_zone);
            """, connection, transaction))
        {
            AddRow(insert, tenant, id, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await IntegrationRows.WriteAsync(connection, transaction, tenant, id, row);

        await BumpAsync(connection, transaction, tenant, id);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task<AppendResult> AppendAsync(AppendRequest request, Func<CaseReading, AppendStep> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decide);
        StoredRows.CheckKnown(request);
        var keyHash = request.IdempotencyKey is null ? null : IdempotencyKeys.Hash(request.Tenant, request.Id, request.IdempotencyKey);
        var now = _clock.GetCurrentInstant().ToUnixTimeSeconds();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock queues every writer of this case, on any host, until this transaction ends.
        CaseReading current;
        await using (var read = new NpgsqlCommand("SELECT CASE WHEN version = @known THEN NULL ELSE document END, version FROM cases WHERE tenant = @tenant AND id = @id FOR UPDATE;", connection, transaction))
        {
            read.Parameters.AddWithValue("tenant", request.Tenant);
            read.Parameters.AddWithValue("id", request.Id);
            read.Parameters.AddWithValue("known", request.KnownVersion);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new AppendResult(AppendOutcome.NotFound);
            }

            current = StoredRows.Current(request, await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetString(0), reader.GetInt64(1));
        }

        // Read under the lock: a retry that raced the first attempt sees the key the first one committed.
        if (keyHash is not null && await FindKeyAsync(connection, transaction, request.Tenant, keyHash, request.RequestHash, now, cancellationToken) is { } known)
        {
            return known;
        }

        var step = decide(current);
        if (step.Row is null || step.ResponseBody is null || step.Replay is null)
        {
            return new AppendResult(AppendOutcome.Rejected, Errors: step.Errors ?? []);
        }

        await using (var update = new NpgsqlCommand("""
            UPDATE cases
            SET version = version + 1, document = @document, candidate = @candidate, company = @company,
                next_due = @next_due, rules = @rules, time_zone = @time_zone
            WHERE tenant = @tenant AND id = @id AND version = @version;
            """, connection, transaction))
        {
            AddRow(update, request.Tenant, request.Id, step.Row);
            update.Parameters.AddWithValue("version", current.Version);
            if (await update.ExecuteNonQueryAsync(CancellationToken.None) != 1)
            {
                return new AppendResult(AppendOutcome.Conflict);
            }
        }

        await IntegrationRows.WriteAsync(connection, transaction, request.Tenant, request.Id, step.Row);

        if (keyHash is not null)
        {
            await using var remember = new NpgsqlCommand("""
                INSERT INTO idempotency (tenant, key_hash, request_hash, status, event_count, decided_on, expires_at)
                VALUES (@tenant, @key, @hash, @status, @events, @decided_on, @expires_at)
                ON CONFLICT (tenant, key_hash) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                    event_count = excluded.event_count, decided_on = excluded.decided_on, expires_at = excluded.expires_at;
                """, connection, transaction);
            remember.Parameters.AddWithValue("tenant", request.Tenant);
            remember.Parameters.AddWithValue("key", keyHash);
            remember.Parameters.AddWithValue("hash", request.RequestHash);
            remember.Parameters.AddWithValue("status", step.Replay.Status);
            remember.Parameters.AddWithValue("events", step.Replay.EventCount);
            remember.Parameters.AddWithValue("decided_on", StoredRows.DayNumber(step.Replay.DecidedOn));
            remember.Parameters.AddWithValue("expires_at", now + (long)_options.IdempotencyKeyLifetime.TotalSeconds);
            await remember.ExecuteNonQueryAsync(CancellationToken.None);
        }

        // From here the write is no longer the caller's to cancel.
        await BumpAsync(connection, transaction, request.Tenant, request.Id);
        await transaction.CommitAsync(CancellationToken.None);
        return new AppendResult(AppendOutcome.Recorded, step.ResponseBody);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DueCase>> DueAsync(string tenant, string onOrBefore, AgendaPosition? after, int count, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("""
            SELECT id, document, version, next_due, time_zone FROM cases
            WHERE tenant = @tenant AND next_due IS NOT NULL AND next_due <= @on AND (next_due, id) > (@due, @id)
            ORDER BY next_due, id
            LIMIT @count;
            """);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("on", onOrBefore);
        command.Parameters.AddWithValue("due", after?.NextDue ?? string.Empty);
        command.Parameters.AddWithValue("id", after?.Id ?? string.Empty);
        command.Parameters.AddWithValue("count", count);
        var rows = new List<DueCase>(Math.Min(count, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DueCase(new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)), reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    /// <inheritdoc/>
    /// <remarks>Every committed write adds one to one shard, so the sum changes with every write that any host commits.</remarks>
    public async Task<long> TenantVersionAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT coalesce(sum(version), 0)::bigint FROM tenant_changes WHERE tenant = @tenant;");
        command.Parameters.AddWithValue("tenant", tenant);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredCase> AllAsync(string tenant, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT id, document, version FROM cases WHERE tenant = @tenant ORDER BY id;");
        command.Parameters.AddWithValue("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <inheritdoc/>
    /// <remarks>A case written meanwhile by a host with these rules already has them and is left alone.</remarks>
    public int RefreshDerived(string tenant, string rules, Func<string, string, CaseRow?> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        using var connection = _source.OpenConnection();
        return StoredRows.RefreshDerived(_options.RecomputeBatchSize, after =>
        {
            using var transaction = connection.BeginTransaction();
            var batch = StoredRows.RefreshBatch(connection, transaction, tenant, rules, derive, after, _options.RecomputeBatchSize);
            if (batch.Changed > 0)
            {
                BumpAsync(connection, transaction, tenant, tenant).GetAwaiter().GetResult();
            }

            transaction.Commit();
            return batch;
        });
    }

    /// <inheritdoc/>
    public async Task<int> PurgeExpiredKeysAsync(Instant now, CancellationToken cancellationToken)
    {
        // Small batches keep each delete short, so writers never wait long behind a purge.
        var total = 0;
        int deleted;
        do
        {
            await using var command = _source.CreateCommand("DELETE FROM idempotency WHERE ctid IN (SELECT ctid FROM idempotency WHERE expires_at <= @now LIMIT 2000);");
            command.Parameters.AddWithValue("now", now.ToUnixTimeSeconds());
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
        }
        while (deleted > 0);

        return total;
    }

    /// <inheritdoc/>
    public async Task AddLinkAsync(string tenant, string caseId, string linkId, Instant expiresAt, CancellationToken cancellationToken)
    {
        await using var insert = LinkCommand("INSERT INTO candidate_links (id, tenant, case_id, expires_at, revoked) VALUES (@id, @tenant, @case, @expires, false);", tenant, caseId, linkId);
        insert.Parameters.AddWithValue("expires", expiresAt.ToUnixTimeSeconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> IsLinkActiveAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken)
    {
        await using var read = LinkCommand("SELECT revoked FROM candidate_links WHERE id = @id AND tenant = @tenant AND case_id = @case;", tenant, caseId, linkId);
        return await read.ExecuteScalarAsync(cancellationToken) is bool revoked && !revoked;
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeLinkAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken)
    {
        await using var update = LinkCommand("UPDATE candidate_links SET revoked = true WHERE id = @id AND tenant = @tenant AND case_id = @case;", tenant, caseId, linkId);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();

    private NpgsqlCommand LinkCommand(string sql, string tenant, string caseId, string linkId)
    {
        var command = _source.CreateCommand(sql);
        command.Parameters.AddWithValue("id", linkId);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("case", caseId);
        return command;
    }

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null && innermost is not PostgresException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }

    private static async Task BumpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string id)
    {
        await using var bump = new NpgsqlCommand("""
            INSERT INTO tenant_changes (tenant, shard, version) VALUES (@tenant, @shard, 1)
            ON CONFLICT (tenant, shard) DO UPDATE SET version = tenant_changes.version + 1;
            """, connection, transaction);
        bump.Parameters.AddWithValue("tenant", tenant);
        bump.Parameters.AddWithValue("shard", (int)((uint)StableHash(id) % ChangeShards));
        await bump.ExecuteNonQueryAsync(CancellationToken.None);
    }

    // FNV-1a: the same shard for a case on every host and every run (string.GetHashCode is randomised per process).
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static async Task<AppendResult?> FindKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, byte[] keyHash, byte[] requestHash, long now, CancellationToken cancellationToken)
    {
        await using var lookup = new NpgsqlCommand("SELECT request_hash, status, event_count, decided_on FROM idempotency WHERE tenant = @tenant AND key_hash = @key AND expires_at > @now;", connection, transaction);
        lookup.Parameters.AddWithValue("tenant", tenant);
        lookup.Parameters.AddWithValue("key", keyHash);
        lookup.Parameters.AddWithValue("now", now);
        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return StoredRows.KeyOutcome(reader, requestHash);
    }

    private static void AddRow(NpgsqlCommand command, string tenant, string id, CaseRow row)
    {
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("document", row.Document);
        command.Parameters.AddWithValue("candidate", row.Candidate);
        command.Parameters.AddWithValue("company", row.Company);
        command.Parameters.Add(new NpgsqlParameter("next_due", NpgsqlDbType.Text) { Value = (object?)row.NextDue ?? DBNull.Value });
        command.Parameters.AddWithValue("rules", row.Rules);
        command.Parameters.AddWithValue("time_zone", row.TimeZone);
    }
}
