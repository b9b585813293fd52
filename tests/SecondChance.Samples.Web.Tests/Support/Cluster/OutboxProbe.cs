using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SecondChance.Samples.Web.Tests.Support.Cluster;

/// <summary>Looks into the reminder outbox beside the hosts, the way an operator would: what is unsent, who holds leases, what was retried.</summary>
public sealed class OutboxProbe(string provider, string connectionString)
{
    private readonly bool _postgreSql = provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Counts the rows not sent yet, by state (pending, failed, ...); empty when every reminder was sent.</summary>
    public async Task<Dictionary<string, long>> UnsentAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT state, count(*) FROM reminder_outbox WHERE state NOT IN ('sent', 'superseded') GROUP BY state;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>Lists the reminder ids a host (named by its process id in its lease owner) holds a live lease on and has not sent.</summary>
    public async Task<IReadOnlyList<string>> LiveLeasesOfAsync(int processId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT reminder_id FROM reminder_outbox WHERE state NOT IN ('sent', 'superseded', 'failed') AND claimed_by LIKE @owner AND lease_until > @now;");
        Add(command, "@owner", "%-" + processId.ToString(CultureInfo.InvariantCulture) + "-%");
        Add(command, "@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Returns which of <paramref name="reminderIds"/> the outbox records more than one delivery attempt for.</summary>
    public async Task<IReadOnlySet<string>> RetriedAsync(IReadOnlyCollection<string> reminderIds, CancellationToken cancellationToken)
    {
        var retried = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var id in reminderIds)
        {
            await using var command = Command(connection, "SELECT max(attempts) FROM reminder_outbox WHERE reminder_id = @id;");
            Add(command, "@id", id);
            if (await command.ExecuteScalarAsync(cancellationToken) is { } attempts and not DBNull && Convert.ToInt64(attempts, CultureInfo.InvariantCulture) > 1)
            {
                retried.Add(id);
            }
        }

        return retried;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _postgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }
}
