using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The schema step that the job-board integration adds to each store: the reminder outbox, the log of ATS
/// deliveries, and Quartz.NET's job store tables, taken from the script the Quartz package ships for the
/// provider so they always match the Quartz version in use.
/// </summary>
internal static class IntegrationSchema
{
    /// <summary>The prefix of Quartz's tables on SQLite (Quartz's default).</summary>
    public const string SqliteQuartzPrefix = "QRTZ_";

    /// <summary>The prefix of Quartz's tables on PostgreSQL (lower case, as PostgreSQL folds unquoted names).</summary>
    public const string PostgreSqlQuartzPrefix = "qrtz_";

    /// <summary>What <see cref="Replan"/> is for, for the schema history.</summary>
    public const string ReplanDescription = "Every case is marked as derived with unknown rules, so the next start recomputes it and plans its reminder once (cases stored before the outbox had none).";

    /// <summary>
    /// The step after the outbox, the same on both providers: clears each case's rules fingerprint, so the start
    /// after the upgrade refreshes every case and writes its reminder in the same transaction. Refreshing a case
    /// whose reminder is already there changes nothing in the outbox, so the step is safe on any database.
    /// </summary>
    public const string Replan = "UPDATE cases SET rules = '';";

    /// <summary>What <see cref="OutboxIndexes"/> is for, for the schema history.</summary>
    public const string OutboxIndexesDescription = "Outbox indexes that the hot statements use on any size of table: a case's pending reminders by (tenant, case, state), and the claim's order by due time over the queued pending rows only.";

    /// <summary>
    /// The step after <see cref="Replan"/>, the same on both providers. Without statistics SQLite's planner preferred
    /// a range of the primary key over <c>ix_outbox_case</c> (tenant, case): each case write then read all of its
    /// tenant's outbox rows to supersede its old reminder, and a claim sorted every pending row to take the first
    /// hundred. With the state in the case index the supersede reads only that case's pending rows (the index
    /// covers the statement), and the claim walks <c>ix_outbox_claim</c> in due order and stops at its limit.
    /// </summary>
    public const string OutboxIndexes = """
        DROP INDEX ix_outbox_case;
        CREATE INDEX ix_outbox_case ON reminder_outbox (tenant, case_id, state);
        CREATE INDEX ix_outbox_claim ON reminder_outbox (send_at, reminder_id, channel) WHERE state = 'pending' AND enqueued_at IS NOT NULL;
        """;

    /// <summary>The outbox, the delivery log and Quartz's tables in SQLite's dialect.</summary>
    public static string Sqlite() => """
        CREATE TABLE reminder_outbox (
            tenant       TEXT    NOT NULL,
            reminder_id  TEXT    NOT NULL,
            channel      TEXT    NOT NULL,
            case_id      TEXT    NOT NULL,
            case_bucket  INTEGER NOT NULL,
            send_at      INTEGER NOT NULL,
            reminder     TEXT    NOT NULL,
            state        TEXT    NOT NULL,
            attempts     INTEGER NOT NULL DEFAULT 0,
            last_error   TEXT    NULL,
            enqueued_at  INTEGER NULL,
            claimed_by   TEXT    NULL,
            lease_until  INTEGER NULL,
            created_at   INTEGER NOT NULL,
            sent_at      INTEGER NULL,
            PRIMARY KEY (tenant, reminder_id, channel)
        ) WITHOUT ROWID;
        CREATE INDEX ix_outbox_due ON reminder_outbox (tenant, case_bucket, send_at) WHERE state = 'pending';
        CREATE INDEX ix_outbox_case ON reminder_outbox (tenant, case_id);
        CREATE INDEX ix_outbox_failed ON reminder_outbox (tenant, created_at) WHERE state = 'failed';
        CREATE TABLE intake_deliveries (
            tenant       TEXT    NOT NULL,
            source       TEXT    NOT NULL,
            delivery_id  TEXT    NOT NULL,
            external_id  TEXT    NULL,
            case_id      TEXT    NULL,
            outcome      TEXT    NOT NULL,
            reason       TEXT    NOT NULL,
            received_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, source, delivery_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_intake_external ON intake_deliveries (tenant, source, external_id) WHERE case_id IS NOT NULL;

        """ + QuartzTables("create_sqlite.sql", SqliteQuartzPrefix);

    /// <summary>The outbox, the delivery log and Quartz's tables in PostgreSQL's dialect.</summary>
    public static string PostgreSql() => """
        CREATE TABLE reminder_outbox (
            tenant       text COLLATE "C" NOT NULL,
            reminder_id  text COLLATE "C" NOT NULL,
            channel      text COLLATE "C" NOT NULL,
            case_id      text COLLATE "C" NOT NULL,
            case_bucket  integer NOT NULL,
            send_at      bigint  NOT NULL,
            reminder     text    NOT NULL,
            state        text    NOT NULL,
            attempts     integer NOT NULL DEFAULT 0,
            last_error   text    NULL,
            enqueued_at  bigint  NULL,
            claimed_by   text    NULL,
            lease_until  bigint  NULL,
            created_at   bigint  NOT NULL,
            sent_at      bigint  NULL,
            PRIMARY KEY (tenant, reminder_id, channel)
        );
        CREATE INDEX ix_outbox_due ON reminder_outbox (tenant, case_bucket, send_at) WHERE state = 'pending';
        CREATE INDEX ix_outbox_case ON reminder_outbox (tenant, case_id);
        CREATE INDEX ix_outbox_failed ON reminder_outbox (tenant, created_at) WHERE state = 'failed';
        CREATE TABLE intake_deliveries (
            tenant       text COLLATE "C" NOT NULL,
            source       text COLLATE "C" NOT NULL,
            delivery_id  text COLLATE "C" NOT NULL,
            external_id  text COLLATE "C" NULL,
            case_id      text COLLATE "C" NULL,
            outcome      text   NOT NULL,
            reason       text   NOT NULL,
            received_at  bigint NOT NULL,
            PRIMARY KEY (tenant, source, delivery_id)
        );
        CREATE INDEX ix_intake_external ON intake_deliveries (tenant, source, external_id) WHERE case_id IS NOT NULL;

        """ + QuartzTables("create_postgres.sql", PostgreSqlQuartzPrefix);

    private static string QuartzTables(string script, string prefix)
    {
        var name = "Quartz.Impl.AdoJobStore.Schema." + script;
        using var stream = typeof(Quartz.Impl.AdoJobStore.StdAdoDelegate).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Quartz.NET no longer ships '{name}'; update the schema migration for the Quartz version in use.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, reader.ReadToEnd(), prefix, prefix);

        // The script's statements are separated by lines of "--;;" and meant to run one by one; in one batch each needs its own terminator.
        var pieces = new List<string>();
        var piece = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim() == "--;;")
            {
                pieces.Add(piece.ToString().Trim());
                piece.Clear();
            }
            else if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                piece.Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        pieces.Add(piece.ToString().Trim());
        return string.Join('\n', pieces.Where(p => p.Length > 0).Select(p => p.EndsWith(';') ? p : p + ";"));
    }
}
