using Microsoft.Data.Sqlite;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// An open SQLite connection, configured once when it was opened, with its commands prepared once and
/// reused: a pooled session costs no PRAGMA and no statement compilation per request.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>How long a statement waits for a lock held by another connection, in milliseconds.</summary>
    public const int BusyTimeoutMs = 10_000;

    public SqliteSession(string connectionString, StorageOptions options)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        using var configure = Connection.CreateCommand();
        configure.CommandText = $"""
            PRAGMA busy_timeout = {BusyTimeoutMs};
            PRAGMA synchronous = NORMAL;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -{options.CacheSizeKiB};
            PRAGMA mmap_size = {(long)options.MmapSizeMiB * 1024 * 1024};
            """;
        configure.ExecuteNonQuery();
    }

    public SqliteConnection Connection { get; }

    /// <summary>Gets whether the session can go back to the pool.</summary>
    public bool IsUsable => Connection.State == System.Data.ConnectionState.Open;

    /// <summary>Returns this session's command for <paramref name="sql"/>, with its parameters cleared, in <paramref name="transaction"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
