using Microsoft.Data.Sqlite;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Stores cases in SQLite. Each row holds the case document (its events are the source of truth)
/// and columns derived from it: the next due date, indexed per tenant so the agenda reads only the
/// cases that are due. Writes to a case run in a <c>BEGIN IMMEDIATE</c> transaction that checks the
/// row version, so concurrent writers never overwrite each other.
/// </summary>
public sealed class CaseStore : IDisposable
{
    /// <summary>The schema version this code writes; older databases are migrated at start.</summary>
    public const int SchemaVersion = 1;

    private static readonly string[] Migrations =
    [
        // 1: cases with their derived columns, and idempotency keys per tenant and case.
        """
        CREATE TABLE cases (
            tenant    TEXT    NOT NULL,
            id        TEXT    NOT NULL,
            version   INTEGER NOT NULL,
            document  TEXT    NOT NULL,
            candidate TEXT    NOT NULL,
            company   TEXT    NOT NULL,
            next_due  TEXT    NULL,
            rules     TEXT    NOT NULL,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_cases_agenda ON cases (tenant, next_due) WHERE next_due IS NOT NULL;
        CREATE TABLE idempotency_keys (
            tenant       TEXT    NOT NULL,
            case_id      TEXT    NOT NULL,
            key          TEXT    NOT NULL,
            request_hash TEXT    NOT NULL,
            response     TEXT    NOT NULL,
            PRIMARY KEY (tenant, case_id, key)
        ) WITHOUT ROWID;
        """,
    ];

    // SQLite has one writer at a time; queueing writers here keeps them off SQLite's sleep-and-retry
    // busy handler, which is slower under load. BEGIN IMMEDIATE still guards against other processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim[] _caseGates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly string _connectionString;

    public CaseStore(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("SecondChance") ?? string.Empty);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            builder.DataSource = Path.Combine("data", "secondchance.db");
        }

        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
    }

    /// <summary>Gets the database file's full path.</summary>
    public string DatabasePath { get; }

    /// <summary>Creates the schema or migrates it to <see cref="SchemaVersion"/>, and turns on write-ahead logging.</summary>
    public void Initialize()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"));
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The database '{DatabasePath}' has schema version {version}; this app knows up to {SchemaVersion}.");
        }

        for (var v = version; v < SchemaVersion; v++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Reads one case of a tenant; <see langword="null"/> when the tenant has no such case.</summary>
    public async Task<StoredCase?> GetAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await Read(connection, null, tenant, id, cancellationToken);
    }

    /// <summary>Stores a new case.</summary>
    public async Task CreateAsync(string tenant, string id, CaseRow row, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules)
                VALUES ($tenant, $id, 1, $document, $candidate, $company, $next_due, $rules);
                """;
            command.Parameters.AddWithValue("$tenant", tenant);
            command.Parameters.AddWithValue("$id", id);
            AddRow(command, row);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Records an event on a case: replays the stored answer for a known idempotency key, otherwise
    /// asks <paramref name="decide"/> what to write given the current case, then writes it in a
    /// <c>BEGIN IMMEDIATE</c> transaction only if the row version is still the one read (so a writer in
    /// another process cannot be overwritten; that case answers <see cref="AppendOutcome.Conflict"/>).
    /// </summary>
    /// <remarks>
    /// Writers to the same case queue on an in-process lock, so parallel posts to one case are recorded
    /// one after another instead of failing. Reading, deciding and serializing happen outside the
    /// database's single write lock, which only covers the short write itself.
    /// </remarks>
    public async Task<AppendResult> AppendAsync(
        string tenant,
        string id,
        string? idempotencyKey,
        string requestHash,
        Func<StoredCase, AppendStep> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(decide);
        var caseGate = _caseGates[(int)((uint)HashCode.Combine(tenant, id) % (uint)_caseGates.Length)];
        await caseGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            if (idempotencyKey is not null && await FindKey(connection, null, tenant, id, idempotencyKey, requestHash, cancellationToken) is { } known)
            {
                return known;
            }

            var current = await Read(connection, null, tenant, id, cancellationToken);
            if (current is null)
            {
                return new AppendResult(AppendOutcome.NotFound);
            }

            var step = decide(current);
            if (step.Row is null || step.ResponseBody is null)
            {
                return new AppendResult(AppendOutcome.Rejected, Errors: step.Errors ?? []);
            }

            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                await using var transaction = connection.BeginTransaction(deferred: false);

                // Checked again inside the write transaction: another process may share the file.
                if (idempotencyKey is not null && await FindKey(connection, transaction, tenant, id, idempotencyKey, requestHash, cancellationToken) is { } raced)
                {
                    return raced;
                }

                await using (var write = connection.CreateCommand())
                {
                    write.Transaction = transaction;
                    write.CommandText = """
                        UPDATE cases
                        SET version = version + 1, document = $document, candidate = $candidate, company = $company,
                            next_due = $next_due, rules = $rules
                        WHERE tenant = $tenant AND id = $id AND version = $version;
                        """;
                    write.Parameters.AddWithValue("$tenant", tenant);
                    write.Parameters.AddWithValue("$id", id);
                    write.Parameters.AddWithValue("$version", current.Version);
                    AddRow(write, step.Row);
                    if (await write.ExecuteNonQueryAsync(cancellationToken) != 1)
                    {
                        return new AppendResult(AppendOutcome.Conflict);
                    }
                }

                if (idempotencyKey is not null)
                {
                    await using var remember = connection.CreateCommand();
                    remember.Transaction = transaction;
                    remember.CommandText = """
                        INSERT INTO idempotency_keys (tenant, case_id, key, request_hash, response)
                        VALUES ($tenant, $id, $key, $hash, $response);
                        """;
                    remember.Parameters.AddWithValue("$tenant", tenant);
                    remember.Parameters.AddWithValue("$id", id);
                    remember.Parameters.AddWithValue("$key", idempotencyKey);
                    remember.Parameters.AddWithValue("$hash", requestHash);
                    remember.Parameters.AddWithValue("$response", step.ResponseBody);
                    await remember.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return new AppendResult(AppendOutcome.Recorded, step.ResponseBody);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // SQLITE_BUSY / SQLITE_LOCKED after the busy timeout: another process held the database.
            return new AppendResult(AppendOutcome.Conflict);
        }
        finally
        {
            caseGate.Release();
        }
    }

    /// <summary>Streams a tenant's open cases whose next action is due on or before <paramref name="onIso"/>, earliest first.</summary>
    public async IAsyncEnumerable<StoredCase> DueOnOrBeforeAsync(
        string tenant,
        string onIso,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, document, version FROM cases
            WHERE tenant = $tenant AND next_due IS NOT NULL AND next_due <= $on
            ORDER BY next_due, id;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$on", onIso);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <summary>Streams all a tenant's cases with their ids, one row at a time.</summary>
    public async IAsyncEnumerable<StoredCase> AllAsync(
        string tenant,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, document, version FROM cases WHERE tenant = $tenant ORDER BY id;";
        command.Parameters.AddWithValue("$tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <summary>
    /// Streams the documents of all a tenant's cases, one row at a time: the reader stays on the
    /// database, so the caller holds only the document it is looking at.
    /// </summary>
    public async IAsyncEnumerable<string> DocumentsAsync(
        string tenant,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in AllAsync(tenant, cancellationToken))
        {
            yield return stored.Document;
        }
    }

    /// <summary>
    /// Recomputes the derived columns of a tenant's cases that were computed with other rules (the
    /// tenant's rule set or level profiles changed since they were written). Returns how many changed.
    /// </summary>
    public int RefreshDerived(string tenant, string rules, Func<string, CaseRow?> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var stale = new List<(string Id, string Document)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, document FROM cases WHERE tenant = $tenant AND rules <> $rules;";
            read.Parameters.AddWithValue("$tenant", tenant);
            read.Parameters.AddWithValue("$rules", rules);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                stale.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var changed = 0;
        foreach (var (id, document) in stale)
        {
            if (derive(document) is not { } row)
            {
                continue;
            }

            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "UPDATE cases SET next_due = $next_due, rules = $rules WHERE tenant = $tenant AND id = $id;";
            write.Parameters.AddWithValue("$tenant", tenant);
            write.Parameters.AddWithValue("$id", id);
            write.Parameters.AddWithValue("$next_due", (object?)row.NextDue ?? DBNull.Value);
            write.Parameters.AddWithValue("$rules", row.Rules);
            changed += write.ExecuteNonQuery();
        }

        transaction.Commit();
        return changed;
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        foreach (var gate in _caseGates)
        {
            gate.Dispose();
        }
    }

    private static async Task<AppendResult?> FindKey(SqliteConnection connection, SqliteTransaction? transaction, string tenant, string id, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT request_hash, response FROM idempotency_keys WHERE tenant = $tenant AND case_id = $id AND key = $key;";
        lookup.Parameters.AddWithValue("$tenant", tenant);
        lookup.Parameters.AddWithValue("$id", id);
        lookup.Parameters.AddWithValue("$key", key);
        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetString(0) == requestHash
            ? new AppendResult(AppendOutcome.Replayed, reader.GetString(1))
            : new AppendResult(AppendOutcome.KeyReused);
    }

    private static async Task<StoredCase?> Read(SqliteConnection connection, SqliteTransaction? transaction, string tenant, string id, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT document, version FROM cases WHERE tenant = $tenant AND id = $id;";
        read.Parameters.AddWithValue("$tenant", tenant);
        read.Parameters.AddWithValue("$id", id);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredCase(id, reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void AddRow(SqliteCommand command, CaseRow row)
    {
        command.Parameters.AddWithValue("$document", row.Document);
        command.Parameters.AddWithValue("$candidate", row.Candidate);
        command.Parameters.AddWithValue("$company", row.Company);
        command.Parameters.AddWithValue("$next_due", (object?)row.NextDue ?? DBNull.Value);
        command.Parameters.AddWithValue("$rules", row.Rules);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
