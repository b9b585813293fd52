using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Connections to the store's SQLite file for the parts that share it (the reminder outbox, the intake log): pooled, so
/// a claim or a completion does not open the file and read its schema again, and set up on every open the way the
/// store's own sessions are (<c>synchronous = NORMAL</c>: in WAL mode a commit is safe from a crash of the process
/// without waiting for the disk on each one; <c>busy_timeout</c>), instead of SQLite's defaults.
/// </summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    /// <inheritdoc/>
    public override string ConnectionString { get; } = new SqliteConnectionStringBuilder(connectionString) { Pooling = true }.ToString();

    /// <inheritdoc/>
    protected override DbConnection CreateDbConnection() => new ConfiguredConnection(ConnectionString);

    private sealed class ConfiguredConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            using var configure = CreateCommand();
            configure.CommandText = $"PRAGMA busy_timeout = {SqliteSession.BusyTimeoutMs}; PRAGMA synchronous = NORMAL;";
            configure.ExecuteNonQuery();
        }
    }
}
