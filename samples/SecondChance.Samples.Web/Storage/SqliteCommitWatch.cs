using SQLitePCL;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Tells whether anything was committed to a SQLite file since an earlier look, by any connection of any
/// process: SQLite's <c>PRAGMA data_version</c> on connections of the watch's own that never write (on each,
/// the value changes exactly when another connection has committed since that connection's last look).
/// </summary>
/// <remarks>
/// A stamp is issued by one watch connection when that connection first looks, and again each time it sees
/// a change; it answers the same stamp for as long as it sees none. Stamps are never reused, so a later look
/// answering the same stamp means nothing was committed since that stamp was issued. Each call looks for
/// itself (no call takes a look that began before it), on the first connection no other call is using:
/// concurrent callers never wait for each other's look, and while nothing is committed each connection
/// answers one stamp, so a cache sees at most as many stamps as calls ever ran at once.
/// </remarks>
internal sealed class SqliteCommitWatch : IDisposable
{
    private readonly Slot[] _slots;
    private long _issued;  // counts up: the last stamp issued
    private long _unknown; // counts down: a look that failed answers a stamp no other look ever gives
    private volatile bool _disposed;

    public SqliteCommitWatch(Func<SqliteSession> open, int connections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        _slots = Enumerable.Range(0, connections).Select(_ => new Slot(open)).ToArray();
    }

    /// <summary>
    /// Returns a stamp of what has been committed so far: positive when the file was read; a negative stamp,
    /// never given twice, when it could not be (so nothing ever matches it).
    /// </summary>
    public long Stamp()
    {
        foreach (var slot in _slots)
        {
            if (slot.Gate.TryEnter())
            {
                try
                {
                    return Look(slot);
                }
                finally
                {
                    slot.Gate.Exit();
                }
            }
        }

        // More callers than connections: wait for the first (a look takes microseconds).
        lock (_slots[0].Gate)
        {
            return Look(_slots[0]);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var slot in _slots)
        {
            lock (slot.Gate)
            {
                slot.Close();
            }
        }
    }

    // Raw calls: the pragma runs on every read of a cached case, and this costs a microsecond or two where a
    // command, its reader and their disposal cost several times that.
    private long Look(Slot slot)
    {
        if (_disposed)
        {
            return Interlocked.Decrement(ref _unknown);
        }

        try
        {
            if (slot.Statement is null && !slot.Open())
            {
                return Interlocked.Decrement(ref _unknown);
            }

            var result = raw.sqlite3_step(slot.Statement);
            var version = result == raw.SQLITE_ROW ? raw.sqlite3_column_int64(slot.Statement, 0) : -1;
            raw.sqlite3_reset(slot.Statement);
            if (version < 0)
            {
                slot.Close(); // busy past the timeout, or the file went away: open again on the next look
                return Interlocked.Decrement(ref _unknown);
            }

            if (slot.Stamp == 0 || version != slot.Version)
            {
                slot.Version = version;
                slot.Stamp = Interlocked.Increment(ref _issued);
            }

            return slot.Stamp;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            slot.Close();
            return Interlocked.Decrement(ref _unknown);
        }
    }

    private sealed class Slot(Func<SqliteSession> open)
    {
        public Lock Gate { get; } = new();

        public sqlite3_stmt? Statement { get; private set; }

        public long Version { get; set; }

        // Zero until the connection's first look, and after it was closed: a new connection counts data_version from its own start.
        public long Stamp { get; set; }

        private SqliteSession? Session { get; set; }

        public bool Open()
        {
            Session = open();
            if (raw.sqlite3_prepare_v2(Session.Connection.Handle, "PRAGMA data_version;", out var statement) != raw.SQLITE_OK)
            {
                statement.Dispose();
                Close();
                return false;
            }

            Statement = statement;
            return true;
        }

        public void Close()
        {
            Statement?.Dispose();
            Statement = null;
            Session?.Dispose();
            Session = null;
            Stamp = 0;
        }
    }
}
