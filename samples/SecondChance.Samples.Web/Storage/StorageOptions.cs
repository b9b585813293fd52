namespace SecondChance.Samples.Web.Storage;

/// <summary>How the store keeps idempotency keys and sizes its caches; configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>Gets or sets how long an idempotency key is remembered after its first use. Default: 24 hours.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how often expired idempotency keys are deleted in the background. Default: 10 minutes.</summary>
    public TimeSpan ExpiredKeyPurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets SQLite's page cache per connection, in KiB (<c>PRAGMA cache_size</c>). Default: 8,192 (8 MiB):
    /// the hot pages of the agenda index and of recently written cases fit, and the few pooled
    /// connections stay well under a typical container's memory.
    /// </summary>
    public int CacheSizeKiB { get; set; } = 8 * 1024;

    /// <summary>
    /// Gets or sets how much of the database file SQLite reads through memory mapping, in MiB
    /// (<c>PRAGMA mmap_size</c>). Default: 256. The mapping is shared by every connection (it is the
    /// operating system's page cache, not the process's heap), so reads of a warm file copy nothing.
    /// </summary>
    public int MmapSizeMiB { get; set; } = 256;

    /// <summary>
    /// Gets or sets how much memory the parsed cases kept between requests may take, in MiB. Default: 64.
    /// A case read or written again while it is cached is neither read whole nor parsed again; one that
    /// fell out costs a read of its document and a parse, which grows with its history. Size it to the
    /// cases in use: an entry takes about 2.5 bytes per character of the case's document plus 2 KB (the
    /// parsed case; the document itself is not kept): a case of 40 events, a 3 KB document, about 9.5 KB.
    /// </summary>
    public int CaseCacheMiB { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many cases one transaction recomputes when a tenant's rules or level profiles changed
    /// since its cases were written (at start). Default: 500. Each batch commits before the next begins, so
    /// another host sharing the database writes in between, and a tenant of any size is never read into
    /// memory at once.
    /// </summary>
    public int RecomputeBatchSize { get; set; } = 500;

    /// <summary>Gets or sets the most writes committed in one transaction. Default: 256.</summary>
    public int MaxWritesPerCommit { get; set; } = 256;

    /// <summary>
    /// Gets or sets how large SQLite's write-ahead log may grow, in MiB, before the store restarts it. Default: 256.
    /// The store copies the log into the database in the background without stopping anyone; when the log
    /// is past this size it also waits for the readers still on the log and starts it again from its
    /// beginning (<c>PRAGMA wal_checkpoint(RESTART)</c>), and the file is cut back to this size
    /// (<c>PRAGMA journal_size_limit</c>). Without the restart, writes that never pause would grow the log
    /// without end, and every read and write would walk an ever longer log. Each restart holds the writer
    /// for the time it takes to sync what the background copy had not reached (20 to 30 ms on a local disk
    /// under a steady write load), so a larger log means rarer stalls: at 6,000 writes a second, 256 MiB is
    /// a restart about every 2.5 s instead of every 0.6 s at 64, and the file takes that much disk.
    /// </summary>
    public int WalLimitMiB { get; set; } = 256;

    internal void Validate()
    {
        if (IdempotencyKeyLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Storage:IdempotencyKeyLifetime must be positive, such as 1.00:00:00 for a day.");
        }

        if (ExpiredKeyPurgeInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Storage:ExpiredKeyPurgeInterval must be positive, such as 00:10:00.");
        }

        if (CacheSizeKiB < 0 || MmapSizeMiB < 0 || MaxWritesPerCommit < 1)
        {
            throw new InvalidOperationException("Storage:CacheSizeKiB and Storage:MmapSizeMiB must not be negative, and Storage:MaxWritesPerCommit must be at least 1.");
        }

        if (CaseCacheMiB < 1)
        {
            throw new InvalidOperationException("Storage:CaseCacheMiB must be at least 1, such as 64.");
        }

        if (RecomputeBatchSize < 1)
        {
            throw new InvalidOperationException("Storage:RecomputeBatchSize must be at least 1, such as 500.");
        }

        if (WalLimitMiB < 1)
        {
            throw new InvalidOperationException("Storage:WalLimitMiB must be at least 1, such as 256.");
        }
    }
}
