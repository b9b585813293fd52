using System.Data.Common;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The rows a case write carries besides the case (<see cref="CaseRow.Outbox"/>, <see cref="CaseRow.Intake"/>), as
/// commands in the write's own transaction, in SQL both stores speak (parameters named <c>@name</c>).
/// </summary>
internal static class IntegrationRows
{
    /// <summary>
    /// Marks the case's pending reminders other than the current one as superseded (on every case write). The keys
    /// come from the case index, which covers the inner query: SQLite without statistics would otherwise prefer a
    /// range of the primary key on the tenant, and read all of its outbox on every write.
    /// </summary>
    internal const string Supersede = """
        UPDATE reminder_outbox SET state = 'superseded', claimed_by = NULL, lease_until = NULL
        WHERE (tenant, reminder_id, channel) IN (
            SELECT tenant, reminder_id, channel FROM reminder_outbox
            WHERE tenant = @tenant AND case_id = @case AND state = 'pending' AND reminder_id <> @reminder);
        """;

    /// <summary>
    /// <see cref="Supersede"/> in SQLite's own words, for its case writer: the case index named, and no subquery (whose
    /// temporary list cost a quarter of each write's statements when the case had nothing to supersede).
    /// </summary>
    internal const string SqliteSupersede = """
        UPDATE reminder_outbox INDEXED BY ix_outbox_case SET state = 'superseded', claimed_by = NULL, lease_until = NULL
        WHERE tenant = @tenant AND case_id = @case AND state = 'pending' AND reminder_id <> @reminder;
        """;

    /// <summary>Records the ATS delivery that created the case.</summary>
    internal const string RecordIntake = """
        INSERT INTO intake_deliveries (tenant, source, delivery_id, external_id, case_id, outcome, reason, received_at)
        VALUES (@tenant, @source, @delivery, @external, @case, 'created', @reason, @now);
        """;

    /// <summary>Adds the current reminder for one channel, once.</summary>
    internal const string Enqueue = """
        INSERT INTO reminder_outbox (tenant, reminder_id, channel, case_id, case_bucket, send_at, reminder, state, attempts, created_at)
        VALUES (@tenant, @reminder, @channel, @case, @bucket, @send_at, @payload, 'pending', 0, @now)
        ON CONFLICT (tenant, reminder_id, channel) DO NOTHING;
        """;

    /// <summary>
    /// Returns the commands that write what <paramref name="row"/> carries for case <paramref name="caseId"/>; none when it
    /// carries nothing. <paramref name="command"/> gives the command for a statement (new, or one prepared before);
    /// its parameters are added here. <paramref name="supersede"/> is the statement that supersedes older reminders
    /// (<see cref="Supersede"/> unless given).
    /// </summary>
    public static IEnumerable<DbCommand> Commands(Func<string, DbCommand> command, string tenant, string caseId, CaseRow row, string? supersede = null)
    {
        if (row.Intake is { } intake)
        {
            // No ON CONFLICT: a second record of the same delivery must fail, so its case is not stored either.
            yield return With(command(RecordIntake),
                ("@tenant", tenant), ("@source", intake.Source), ("@delivery", intake.DeliveryId), ("@external", intake.ExternalId),
                ("@case", caseId), ("@reason", intake.Reason), ("@now", intake.ReceivedAt.ToUnixTimeMilliseconds()));
        }

        if (row.Outbox is not { } outbox)
        {
            yield break;
        }

        yield return With(command(supersede ?? Supersede), ("@tenant", tenant), ("@case", caseId), ("@reminder", outbox.ReminderId ?? string.Empty));
        if (outbox.ReminderId is null)
        {
            yield break;
        }

        foreach (var channel in outbox.Channels)
        {
            yield return With(command(Enqueue),
                ("@tenant", tenant), ("@reminder", outbox.ReminderId), ("@channel", channel), ("@case", caseId), ("@bucket", CaseBuckets.Of(caseId)),
                ("@send_at", outbox.SendAt.ToUnixTimeMilliseconds()), ("@payload", outbox.Payload), ("@now", outbox.CreatedAt.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>Runs <see cref="Commands"/> one after the other on new commands, disposing each.</summary>
    public static void Write(DbConnection connection, DbTransaction transaction, string tenant, string caseId, CaseRow row, string? supersede = null)
    {
        foreach (var command in Commands(sql => Command(connection, transaction, sql), tenant, caseId, row, supersede))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Runs <see cref="Commands"/> one after the other on commands <paramref name="prepared"/> gives and keeps (a session's prepared statements).</summary>
    public static void Write(Func<string, DbCommand> prepared, string tenant, string caseId, CaseRow row, string? supersede = null)
    {
        foreach (var command in Commands(prepared, tenant, caseId, row, supersede))
        {
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs <see cref="Commands"/> one after the other, asynchronously.</summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, string tenant, string caseId, CaseRow row)
    {
        foreach (var command in Commands(sql => Command(connection, transaction, sql), tenant, caseId, row))
        {
            await using (command)
            {
                // Once the case row is written the transaction is not the caller's to cancel.
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Makes a command in <paramref name="transaction"/> with its parameters (a <see langword="null"/> value is SQL NULL, typed as text); both stores use it for SQL they share.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return With(command, parameters);
    }

    /// <summary>Adds <paramref name="parameters"/> to <paramref name="command"/> (a <see langword="null"/> value is SQL NULL, typed as text).</summary>
    public static DbCommand With(DbCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}
