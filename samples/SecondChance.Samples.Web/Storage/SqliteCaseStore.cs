using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The SQLite store, the embedded default. Each row of <c>cases</c> holds the case document (its events
/// are the source of truth) and columns derived from it for the agenda. Reads use pooled sessions whose
/// PRAGMAs and statements are set up once. All writes go through one writer that commits the writes
/// waiting at that moment in one <c>BEGIN IMMEDIATE</c> transaction (group commit); a write that breaks a
/// constraint never takes the others with it (the batch then runs again, each write in its own savepoint).
/// Writers to one case queue on that case's lock; writers to other cases never wait for them. A write
/// over a version the caller already holds is decided without reading the case first: the writer checks
/// the key and the version in its transaction.
/// </summary>
public sealed class SqliteCaseStore : ICaseStore, IAsyncDisposable, IDisposable
{
    /// <summary>The schema version this code writes; older databases are migrated at start.</summary>
    public static int SchemaVersion => Migrations[^1].Version;

    /// <summary>The schema history, oldest first. Never edit a released step: add a new one.</summary>
    public static IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new(1, "Cases with their derived columns, and idempotency keys per tenant and case.", """
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
            """),
        new(2, "The case's time zone beside its due date, for the agenda; idempotency keys keep hashes and what a replay needs, and expire; a change counter per tenant.", """
            ALTER TABLE cases ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
            UPDATE cases SET time_zone = coalesce(json_extract(document, '$.timeZone'), 'UTC');
            DROP TABLE idempotency_keys;
            CREATE TABLE idempotency (
                key_hash     BLOB    NOT NULL PRIMARY KEY,
                request_hash BLOB    NOT NULL,
                status       INTEGER NOT NULL,
                event_count  INTEGER NOT NULL,
                decided_on   INTEGER NOT NULL,
                expires_at   INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_idempotency_expiry ON idempotency (expires_at);
            CREATE TABLE tenant_changes (
                tenant  TEXT    NOT NULL PRIMARY KEY,
                version INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new(3, "Candidate links: which were issued for which case, until when, and which were revoked.", """
            CREATE TABLE IF NOT EXISTS candidate_links (
                id         TEXT    NOT NULL PRIMARY KEY,
                tenant     TEXT    NOT NULL,
                case_id    TEXT    NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked    INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new(4, "The reminder outbox, the log of ATS deliveries, and Quartz.NET's job store tables (from the script Quartz ships for SQLite).", IntegrationSchema.Sqlite()),
        new(5, IntegrationSchema.ReplanDescription, IntegrationSchema.Replan),
        new(6, IntegrationSchema.OutboxIndexesDescription, IntegrationSchema.OutboxIndexes),
        new(7, "Cases in an ordinary (rowid) table: a case row carries its whole document, and SQLite keeps rows that large better in a rowid table than in a WITHOUT ROWID one (half the file, half the time per read and per update); the agenda index carries the id, so a page comes in order without a sort.", """
            CREATE TABLE cases_by_rowid (
                tenant    TEXT    NOT NULL,
                id        TEXT    NOT NULL,
                version   INTEGER NOT NULL,
                document  TEXT    NOT NULL,
                candidate TEXT    NOT NULL,
                company   TEXT    NOT NULL,
                next_due  TEXT    NULL,
                rules     TEXT    NOT NULL,
                time_zone TEXT    NOT NULL DEFAULT 'UTC',
                PRIMARY KEY (tenant, id)
            );
            INSERT INTO cases_by_rowid (tenant, id, version, document, candidate, company, next_due, rules, time_zone)
            SELECT tenant, id, version, document, candidate, company, next_due, rules, time_zone FROM cases;
            DROP TABLE cases;
            ALTER TABLE cases_by_rowid RENAME TO cases;
            CREATE INDEX ix_cases_agenda ON cases (tenant, next_due, id) WHERE next_due IS NOT NULL;
            """),
    ];

    private const int WritesPerCheckpoint = 1000;
    private const int RestartWaitMs = 100;
    private const int SettlePasses = 4;   // checkpoint passes, at most, before the writer restarts the log
    private const int SettledFrames = 64; // what may be left for the restart to copy without another pass
    private const string BumpTenant = "INSERT INTO tenant_changes (tenant, version) VALUES ($tenant, 1) ON CONFLICT (tenant) DO UPDATE SET version = version + 1;";
    private const string SelectCase = "SELECT document, version FROM cases WHERE tenant = $tenant AND id = $id;";

    /// <summary>A case's version, and its document only when the version is not the one given (SQLite's CASE reads the column only then).</summary>
    internal const string SelectCaseIfChanged = "SELECT version, CASE WHEN version = $known THEN NULL ELSE document END FROM cases WHERE tenant = $tenant AND id = $id;";

    /// <summary>A page of a tenant's due cases after a position, in agenda order.</summary>
    internal const string Due = """
        SELECT id, document, version, next_due, time_zone FROM cases
        WHERE tenant = $tenant AND next_due IS NOT NULL AND next_due <= $on AND (next_due, id) > ($due, $id)
        ORDER BY next_due, id
        LIMIT $count;
        """;
    private const string SelectKey = "SELECT request_hash, status, event_count, decided_on FROM idempotency WHERE key_hash = $key AND expires_at > $now;";

    // The case and, when the request has one, its idempotency key, in one statement: one snapshot of both.
    internal const string SelectCaseAndKey = """
        SELECT CASE WHEN c.version = $known THEN NULL ELSE c.document END, c.version, k.request_hash, k.status, k.event_count, k.decided_on
        FROM cases AS c LEFT JOIN idempotency AS k ON k.key_hash = $key AND k.expires_at > $now
        WHERE c.tenant = $tenant AND c.id = $id;
        """;

    private readonly string _connectionString;
    private readonly StorageOptions _options;
    private readonly IClock _clock;
    private readonly ObjectPool<SqliteSession> _readers;
    private readonly SqliteCommitWatch? _commits;
    private readonly ConcurrentDictionary<string, StampedReads<long>> _tenantVersions = new(StringComparer.Ordinal);
    private readonly CaseLocks _locks = new();
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writer;
    private Task _checkpoint = Task.CompletedTask;
    private int _writesSinceCheckpoint;
    private volatile bool _restartLog;
    private long _frameBytes; // set by the first checkpoint; checkpoints run one at a time

    public SqliteCaseStore(IConfiguration configuration, IHostEnvironment environment, IOptions<StorageOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options.Value;
        _options.Validate();
        _clock = clock;
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

        // Sessions are pooled here, configured once each; the driver's own pool would hand back
        // connections without saying whether they were configured.
        builder.Pooling = false;
        builder.DefaultTimeout = 30;
        Location = builder.DataSource;
        _connectionString = builder.ToString();
        _readers = new DefaultObjectPoolProvider { MaximumRetained = 4 * Environment.ProcessorCount + 8 }
            .Create(new SessionPolicy(() => new SqliteSession(_connectionString, _options)));

        // A file's commits are seen by every connection to it; an in-memory or shared-cache database's are not
        // (its connections share one page cache), so there every read asks for the case's version.
        var shared = builder.Cache == SqliteCacheMode.Shared || builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "";
        _commits = shared ? null : new SqliteCommitWatch(() => new SqliteSession(_connectionString, _options), Environment.ProcessorCount + 2);
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>Gets the connection string of the database file, for the parts that share it (the outbox, the job store).</summary>
    internal string ConnectionString => _connectionString;

    /// <inheritdoc/>
    /// <remarks>
    /// Steps run through DbUp, journalled in its <c>SchemaVersions</c> table; each step also sets
    /// <c>PRAGMA user_version</c>, which the readiness probe reads. A file written before the journal
    /// existed (it has only <c>user_version</c>) has its steps up to that version recorded as applied first.
    /// </remarks>
    public void Initialize()
    {
        using var session = new SqliteSession(_connectionString, _options);
        session.Command("PRAGMA journal_mode = WAL;").ExecuteNonQuery();

        // One write transaction around the whole start, so two processes opening a new file at once take
        // turns (the second waits on the busy timeout, then finds every step applied). DbUp works inside it.
        session.Command("BEGIN IMMEDIATE;").ExecuteNonQuery();
        try
        {
            var version = Convert.ToInt32(session.Command("PRAGMA user_version;").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            var journalled = Convert.ToInt64(session.Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersions' COLLATE NOCASE;").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
            if (!journalled && version > SchemaVersion)
            {
                throw new InvalidOperationException($"The database '{Location}' has schema version {version}; this app knows up to {SchemaVersion}.");
            }

            using var shared = new DbUp.Sqlite.Helpers.SharedConnection(session.Connection);
            var steps = Migrations.Select(m => m with { Script = m.Script + $"\nPRAGMA user_version = {m.Version};" }).ToList();
            if (!journalled && version > 0)
            {
                SchemaMigrator.MarkApplied(DbUp.DeployChanges.To.SqliteDatabase(shared), steps.Where(m => m.Version <= version), inTransaction: false);
            }

            SchemaMigrator.Upgrade(DbUp.DeployChanges.To.SqliteDatabase(shared), steps, $"The SQLite database '{Location}'", inTransaction: false);
            session.Command("COMMIT;").ExecuteNonQuery();
        }
        catch
        {
            session.Command("ROLLBACK;").ExecuteNonQuery();
            throw;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Reachable means the file answers and holds the schema this code writes.</remarks>
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Read(s => Convert.ToInt32(s.Command("PRAGMA user_version;").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == SchemaVersion));
        }
        catch (SqliteException)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public Task<StoredCase?> GetAsync(string tenant, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s => ReadCase(s, null, tenant, id)));

    /// <inheritdoc/>
    public Task<CaseReading?> GetIfChangedAsync(string tenant, string id, long knownVersion, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            var read = s.Command(SelectCaseIfChanged);
            read.Parameters.AddWithValue("$tenant", tenant);
            read.Parameters.AddWithValue("$id", id);
            read.Parameters.AddWithValue("$known", knownVersion);
            using var reader = read.ExecuteReader();
            return reader.Read() ? new CaseReading(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (CaseReading?)null;
        }));

    /// <inheritdoc/>
    /// <remarks>SQLite's <c>PRAGMA data_version</c>, on connections that never write (see <see cref="SqliteCommitWatch"/>).</remarks>
    public long? CommitStamp() => _commits?.Stamp();

    /// <inheritdoc/>
    public async Task CreateAsync(string tenant, string id, CaseRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var result = await Submit(new PendingWrite(tenant, id, row, Version: 0, null, null, null));
        if (result.Outcome != AppendOutcome.Recorded)
        {
            throw new InvalidOperationException($"Case '{id}' could not be stored: {result.Outcome}.");
        }
    }

    /// <inheritdoc/>
    public async Task<AppendResult> AppendAsync(AppendRequest request, Func<CaseReading, AppendStep> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decide);
        StoredRows.CheckKnown(request);
        var keyHash = request.IdempotencyKey is null ? null : IdempotencyKeys.Hash(request.Tenant, request.Id, request.IdempotencyKey);
        using var caseLock = await _locks.AcquireAsync(request.Tenant, request.Id, cancellationToken);
        if (request.KnownVersion > 0)
        {
            // The caller holds a version of the case: decide over it without reading. The writer checks, in
            // its transaction, that the key (if any) is new and that the case is still at that version.
            var held = request.KnownVersion;
            var guess = decide(new CaseReading(held, null));
            if (guess.Row is not null && guess.ResponseBody is not null && guess.Replay is not null)
            {
                var written = await Submit(new PendingWrite(request.Tenant, request.Id, guess.Row, held, keyHash, request.RequestHash, guess.Replay, LookForKey: true));
                if (written.Outcome != AppendOutcome.Conflict)
                {
                    return written.Outcome == AppendOutcome.Recorded ? written with { ResponseBody = guess.ResponseBody } : written;
                }

                // The case moved since the caller read it (another process shares the file): read it and decide again.
            }

            // A rejected event may still be a retry of an earlier request with this key, whose replay wins: read.
        }

        var (known, current) = Read(s => ReadCaseAndKey(s, request, keyHash, Now()));
        if (known is not null)
        {
            return known;
        }

        if (current is not { } reading)
        {
            return new AppendResult(AppendOutcome.NotFound);
        }

        var step = decide(reading);
        if (step.Row is null || step.ResponseBody is null || step.Replay is null)
        {
            return new AppendResult(AppendOutcome.Rejected, Errors: step.Errors ?? []);
        }

        // From here the write is no longer the caller's to cancel: once queued it may commit.
        var result = await Submit(new PendingWrite(request.Tenant, request.Id, step.Row, reading.Version, keyHash, request.RequestHash, step.Replay));
        return result.Outcome == AppendOutcome.Recorded ? result with { ResponseBody = step.ResponseBody } : result;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DueCase>> DueAsync(string tenant, string onOrBefore, AgendaPosition? after, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<DueCase>>(s =>
        {
            var command = s.Command(Due);
            command.Parameters.AddWithValue("$tenant", tenant);
            command.Parameters.AddWithValue("$on", onOrBefore);
            command.Parameters.AddWithValue("$due", after?.NextDue ?? string.Empty);
            command.Parameters.AddWithValue("$id", after?.Id ?? string.Empty);
            command.Parameters.AddWithValue("$count", count);
            var rows = new List<DueCase>(Math.Min(count, 1024));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new DueCase(new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)), reader.GetString(3), reader.GetString(4)));
            }

            return rows;
        }));

    /// <inheritdoc/>
    /// <remarks>
    /// Read again only when something was committed since it was last read under the commit stamp the call
    /// gets (see <see cref="CommitStamp"/>), so an agenda page served again costs no query while the file is unchanged.
    /// </remarks>
    public Task<long> TenantVersionAsync(string tenant, CancellationToken cancellationToken)
    {
        var stamp = _commits?.Stamp() ?? 0;
        var seen = stamp > 0 ? _tenantVersions.GetOrAdd(tenant, static _ => new StampedReads<long>()) : null;
        if (seen is not null && seen.TryGet(stamp, out var known))
        {
            return Task.FromResult(known);
        }

        var version = Read(s =>
        {
            var command = s.Command("SELECT version FROM tenant_changes WHERE tenant = $tenant;");
            command.Parameters.AddWithValue("$tenant", tenant);
            return command.ExecuteScalar() is long stored ? stored : 0L;
        });
        seen?.Add(stamp, version);
        return Task.FromResult(version);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredCase> AllAsync(string tenant, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var session = new SqliteSession(_connectionString, _options);
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT id, document, version FROM cases WHERE tenant = $tenant ORDER BY id;";
        command.Parameters.AddWithValue("$tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredCase(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <inheritdoc/>
    public int RefreshDerived(string tenant, string rules, Func<string, string, CaseRow?> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        using var session = new SqliteSession(_connectionString, _options);
        return StoredRows.RefreshDerived(_options.RecomputeBatchSize, after =>
        {
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            var batch = StoredRows.RefreshBatch(session.Connection, transaction, tenant, rules, derive, after, _options.RecomputeBatchSize, IntegrationRows.SqliteSupersede);
            if (batch.Changed > 0)
            {
                var bump = session.Command(BumpTenant, transaction);
                bump.Parameters.AddWithValue("$tenant", tenant);
                bump.ExecuteNonQuery();
            }

            transaction.Commit();
            return batch;
        });
    }

    /// <inheritdoc/>
    public Task<int> PurgeExpiredKeysAsync(Instant now, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            // Small batches keep each write transaction short, so requests never wait long behind a purge.
            var total = 0;
            int deleted;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = s.Command("DELETE FROM idempotency WHERE key_hash IN (SELECT key_hash FROM idempotency WHERE expires_at <= $now LIMIT 2000);");
                command.Parameters.AddWithValue("$now", now.ToUnixTimeSeconds());
                deleted = command.ExecuteNonQuery();
                total += deleted;
            }
            while (deleted > 0);

            return total;
        }));

    /// <inheritdoc/>
    /// <remarks>Link rows are small and written rarely: they go straight to the file, outside the case writer's batches.</remarks>
    public Task AddLinkAsync(string tenant, string caseId, string linkId, Instant expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            var insert = s.Command("INSERT INTO candidate_links (id, tenant, case_id, expires_at, revoked) VALUES ($id, $tenant, $case, $expires, 0);");
            AddLinkKey(insert, tenant, caseId, linkId);
            insert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeSeconds());
            return insert.ExecuteNonQuery();
        }));

    /// <inheritdoc/>
    public Task<bool> IsLinkActiveAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            var read = s.Command("SELECT revoked FROM candidate_links WHERE id = $id AND tenant = $tenant AND case_id = $case;");
            AddLinkKey(read, tenant, caseId, linkId);
            return read.ExecuteScalar() is long revoked && revoked == 0;
        }));

    /// <inheritdoc/>
    public Task<bool> RevokeLinkAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s =>
        {
            var update = s.Command("UPDATE candidate_links SET revoked = 1 WHERE id = $id AND tenant = $tenant AND case_id = $case;");
            AddLinkKey(update, tenant, caseId, linkId);
            return update.ExecuteNonQuery() > 0;
        }));

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(false);
        }

        await _checkpoint.ConfigureAwait(false);

        (_readers as IDisposable)?.Dispose(); // the provider makes a pool that disposes what it holds
        _commits?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private SqliteSession WriterSession()
    {
        var session = new SqliteSession(_connectionString, _options);

        // The writer never checkpoints (the background checkpoint does, so the writer never stops for it);
        // when the log starts again from its beginning, the writer cuts the file back to the limit.
        session.Command($"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalLimitBytes};").ExecuteNonQuery();
        return session;
    }

    private static void AddLinkKey(SqliteCommand command, string tenant, string caseId, string linkId)
    {
        command.Parameters.AddWithValue("$id", linkId);
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$case", caseId);
    }

    private long Now() => _clock.GetCurrentInstant().ToUnixTimeSeconds();

    private T Read<T>(Func<SqliteSession, T> work)
    {
        var session = _readers.Get();
        try
        {
            var result = work(session);
            _readers.Return(session);
            return result;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private Task<AppendResult> Submit(PendingWrite write)
    {
        if (_writer is null)
        {
            lock (_start)
            {
                _writer ??= Task.Run(WriteLoop);
            }
        }

        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteCaseStore), "The store is shutting down.");
        }

        return write.Done.Task;
    }

    // The one writer: takes every write waiting now (up to MaxWritesPerCommit) and commits them together.
    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(_options.MaxWritesPerCommit);
        SqliteSession? session = null;
        try
        {
            while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _options.MaxWritesPerCommit && _writes.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                try
                {
                    session ??= WriterSession();

                    // Only between background checkpoints (the writer alone starts them): a restart while one runs
                    // waits for its lock, and the writes queued behind it waited up to the restart's whole wait.
                    if (_restartLog && _checkpoint.IsCompleted)
                    {
                        RestartLog(session);
                    }

                    Commit(session, batch);
                }
                catch (Exception ex)
                {
                    // The transaction did not commit: nothing in it was written, so each caller may retry.
                    session?.Dispose();
                    session = null;
                    var busy = ex is SqliteException { SqliteErrorCode: 5 or 6 };
                    foreach (var write in batch)
                    {
                        if (busy)
                        {
                            write.Done.TrySetResult(new AppendResult(AppendOutcome.Conflict));
                        }
                        else
                        {
                            write.Done.TrySetException(ex);
                        }
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            session?.Dispose();
        }
    }

    private void Commit(SqliteSession session, List<PendingWrite> batch)
    {
        var results = new AppendResult[batch.Count];
        var now = Now();

        // Almost no batch breaks a constraint, so a batch first runs without a savepoint per write. When one
        // write does break one (an id or an ATS delivery already stored), nothing of the batch is kept and it
        // runs again with a savepoint around each write, so that write alone fails and the others commit.
        if (!TryCommit(session, batch, results, now, savepoints: false))
        {
            TryCommit(session, batch, results, now, savepoints: true);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }

        _writesSinceCheckpoint += batch.Count;
        if (_writesSinceCheckpoint >= WritesPerCheckpoint && _checkpoint.IsCompleted)
        {
            _writesSinceCheckpoint = 0;
            _checkpoint = Task.Run(Checkpoint);
        }
    }

    // Runs the batch in one transaction and commits it; without savepoints, a broken constraint rolls it all back and returns false.
    private bool TryCommit(SqliteSession session, List<PendingWrite> batch, AppendResult[] results, long now, bool savepoints)
    {
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!savepoints)
            {
                try
                {
                    results[i] = Write(session, transaction, batch[i], now);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    transaction.Rollback();
                    return false;
                }

                continue;
            }

            // A write is several statements (the case, its reminder rows, its key): a savepoint undoes all of
            // them when one breaks a constraint, and only them; the batch goes on.
            session.Command("SAVEPOINT w;", transaction).ExecuteNonQuery();
            try
            {
                results[i] = Write(session, transaction, batch[i], now);
                session.Command("RELEASE w;", transaction).ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                session.Command("ROLLBACK TO w; RELEASE w;", transaction).ExecuteNonQuery();
                results[i] = new AppendResult(AppendOutcome.Conflict);
            }
        }

        // One bump per tenant that changed in this batch tells every reader (here or in another process) that its cases moved.
        foreach (var tenant in batch.Where((w, i) => results[i].Outcome == AppendOutcome.Recorded).Select(w => w.Tenant).Distinct(StringComparer.Ordinal))
        {
            var bump = session.Command(BumpTenant, transaction);
            bump.Parameters.AddWithValue("$tenant", tenant);
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    private AppendResult Write(SqliteSession session, SqliteTransaction transaction, PendingWrite write, long now) =>
        write.Version == 0 ? Insert(session, transaction, write) : Apply(session, transaction, write, now);

    private long WalLimitBytes => (long)_options.WalLimitMiB * 1024 * 1024;

    // Copies the write-ahead log into the database on a connection of its own, so the writer never
    // stops for it (the writer's own automatic checkpoint is off). PASSIVE never waits for readers or
    // writers. But SQLite starts the log again from its beginning only when a write begins after a
    // checkpoint copied all of it, which never happens while writes never pause: the log would grow
    // without end. So once it is past the limit, the writer restarts it itself between two commits.
    private void Checkpoint()
    {
        try
        {
            Read(s =>
            {
                var (frames, copied) = LogFrames(s.Command("PRAGMA wal_checkpoint(PASSIVE);"));
                if (_frameBytes == 0)
                {
                    _frameBytes = (long)s.Command("PRAGMA page_size;").ExecuteScalar()! + 24; // a frame is a page and its header
                }

                if (frames * _frameBytes > WalLimitBytes)
                {
                    // The restart copies, on the writer's path and with the files synced, what is still not copied
                    // then: what came in while this pass copied (thousands of pages: 35 to 50 ms). Copy that here
                    // too, a few times, so the restart finds only what came in during the last pass (20 to 27 ms).
                    for (var pass = 0; pass < SettlePasses && frames - copied > SettledFrames; pass++)
                    {
                        (frames, copied) = LogFrames(s.Command("PRAGMA wal_checkpoint(PASSIVE);"));
                    }

                    _restartLog = true;
                }

                return frames;
            });
        }
        catch (SqliteException)
        {
            // The next checkpoint copies what this one did not.
        }
    }

    // On the writer's connection, between commits: no other writer to wait for. RESTART copies what the
    // background checkpoint has not yet copied (little), waits for the readers still on the log (their
    // reads are short), and the next commit starts the log anew and cuts the file back to the limit.
    // The writes that arrive meanwhile wait in the queue and go in the next commit together. It waits at
    // most RestartWaitMs for a long read (a tenant's export, say): then it gives up, and the writes go
    // on; the next checkpoint asks again.
    private void RestartLog(SqliteSession session)
    {
        _restartLog = false;
        try
        {
            session.Command($"PRAGMA busy_timeout = {RestartWaitMs};").ExecuteNonQuery();
            LogFrames(session.Command("PRAGMA wal_checkpoint(RESTART);"));
        }
        catch (SqliteException)
        {
            // Another process held the file past the wait: the next checkpoint asks again.
        }
        finally
        {
            session.Command($"PRAGMA busy_timeout = {SqliteSession.BusyTimeoutMs};").ExecuteNonQuery();
        }
    }

    // The frames in the log and those copied, from the (busy, log, checkpointed) row a checkpoint answers.
    private static (long Frames, long Copied) LogFrames(SqliteCommand checkpoint)
    {
        using var reader = checkpoint.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    // A new case (an id already taken breaks the primary key: the savepoint undoes this write only).
    private static AppendResult Insert(SqliteSession session, SqliteTransaction transaction, PendingWrite write)
    {
        var insert = session.Command("""
            INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone)
            VALUES ($tenant, $id, 1, CAST($document AS TEXT), $candidate, $company, $next_due, $rules, $time_zone);
            """, transaction);
        AddRow(insert, write);
        insert.ExecuteNonQuery();
        IntegrationRows.Write(sql => session.Command(sql, transaction), write.Tenant, write.Id, write.Row, IntegrationRows.SqliteSupersede);
        return new AppendResult(AppendOutcome.Recorded);
    }

    // A change over the version read. The key is looked for first when the case was not read with it
    // (LookForKey), and otherwise only when the case moved.
    private AppendResult Apply(SqliteSession session, SqliteTransaction transaction, PendingWrite write, long now)
    {
        if (write.LookForKey && write.KeyHash is not null && FindKey(session, transaction, write.KeyHash, write.RequestHash!, now) is { } earlier)
        {
            return earlier;
        }

        var update = session.Command("""
            UPDATE cases
            SET version = version + 1, document = CAST($document AS TEXT), candidate = $candidate, company = $company,
                next_due = $next_due, rules = $rules, time_zone = $time_zone
            WHERE tenant = $tenant AND id = $id AND version = $version;
            """, transaction);
        AddRow(update, write);
        update.Parameters.AddWithValue("$version", write.Version);
        if (update.ExecuteNonQuery() != 1)
        {
            // The case moved since it was read (another process may share the file): when that was this
            // same request, retried, its key is there now and the answer is the replay (already looked for,
            // in this same transaction, when LookForKey).
            return !write.LookForKey && write.KeyHash is not null && FindKey(session, transaction, write.KeyHash, write.RequestHash!, now) is { } raced
                ? raced
                : new AppendResult(AppendOutcome.Conflict);
        }

        IntegrationRows.Write(sql => session.Command(sql, transaction), write.Tenant, write.Id, write.Row, IntegrationRows.SqliteSupersede);

        if (write.KeyHash is not null)
        {
            var remember = session.Command("""
                INSERT INTO idempotency (key_hash, request_hash, status, event_count, decided_on, expires_at)
                VALUES ($key, $hash, $status, $events, $decided_on, $expires_at)
                ON CONFLICT (key_hash) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
                    event_count = excluded.event_count, decided_on = excluded.decided_on, expires_at = excluded.expires_at;
                """, transaction);
            remember.Parameters.AddWithValue("$key", write.KeyHash);
            remember.Parameters.AddWithValue("$hash", write.RequestHash);
            remember.Parameters.AddWithValue("$status", write.Replay!.Status);
            remember.Parameters.AddWithValue("$events", write.Replay.EventCount);
            remember.Parameters.AddWithValue("$decided_on", StoredRows.DayNumber(write.Replay.DecidedOn));
            remember.Parameters.AddWithValue("$expires_at", now + (long)_options.IdempotencyKeyLifetime.TotalSeconds);
            remember.ExecuteNonQuery();
        }

        return new AppendResult(AppendOutcome.Recorded);
    }

    private static AppendResult? FindKey(SqliteSession session, SqliteTransaction? transaction, byte[] keyHash, byte[] requestHash, long now)
    {
        var lookup = session.Command(SelectKey, transaction);
        lookup.Parameters.AddWithValue("$key", keyHash);
        lookup.Parameters.AddWithValue("$now", now);
        using var reader = lookup.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return StoredRows.KeyOutcome(reader, requestHash);
    }

    // Both from one snapshot, which is what lets the writer skip looking for the key again when the case
    // is still at the version read here: a key is only ever recorded together with a change of its case.
    private static (AppendResult? Known, CaseReading? Current) ReadCaseAndKey(SqliteSession session, AppendRequest request, byte[]? keyHash, long now)
    {
        var read = session.Command(SelectCaseAndKey);
        read.Parameters.AddWithValue("$tenant", request.Tenant);
        read.Parameters.AddWithValue("$id", request.Id);
        read.Parameters.AddWithValue("$key", (object?)keyHash ?? DBNull.Value);
        read.Parameters.AddWithValue("$now", now);
        read.Parameters.AddWithValue("$known", request.KnownVersion);
        using var reader = read.ExecuteReader();
        if (!reader.Read())
        {
            return (null, null);
        }

        return reader.IsDBNull(2)
            ? (null, StoredRows.Current(request, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1)))
            : (StoredRows.KeyOutcome(reader, request.RequestHash, first: 2), null);
    }

    private static StoredCase? ReadCase(SqliteSession session, SqliteTransaction? transaction, string tenant, string id)
    {
        var read = session.Command(SelectCase, transaction);
        read.Parameters.AddWithValue("$tenant", tenant);
        read.Parameters.AddWithValue("$id", id);
        using var reader = read.ExecuteReader();
        return reader.Read() ? new StoredCase(id, reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private static void AddRow(SqliteCommand command, PendingWrite write)
    {
        command.Parameters.AddWithValue("$tenant", write.Tenant);
        command.Parameters.AddWithValue("$id", write.Id);
        // UTF-8 as the row holds it, bound as a blob and cast to text in the statement: no UTF-16 copy, no re-encoding.
        command.Parameters.AddWithValue("$document", write.Row.DocumentBytes);
        command.Parameters.AddWithValue("$candidate", write.Row.Candidate);
        command.Parameters.AddWithValue("$company", write.Row.Company);
        command.Parameters.AddWithValue("$next_due", (object?)write.Row.NextDue ?? DBNull.Value);
        command.Parameters.AddWithValue("$rules", write.Row.Rules);
        command.Parameters.AddWithValue("$time_zone", write.Row.TimeZone);
    }

    // A write waiting for the writer: a new case (Version 0) or a change over the version read (or, with
    // LookForKey, over the version the caller held, its key not yet looked for).
    private sealed record PendingWrite(string Tenant, string Id, CaseRow Row, long Version, byte[]? KeyHash, byte[]? RequestHash, IdempotencyRecord? Replay, bool LookForKey = false)
    {
        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SessionPolicy(Func<SqliteSession> create) : IPooledObjectPolicy<SqliteSession>
    {
        public SqliteSession Create() => create();

        public bool Return(SqliteSession obj) => obj.IsUsable;
    }
}
