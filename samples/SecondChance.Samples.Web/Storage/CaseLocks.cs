namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// One asynchronous lock per case, made when the first writer of the case arrives and dropped when the
/// last one leaves: writers to one case queue, writers to other cases never share a lock.
/// </summary>
internal sealed class CaseLocks
{
    private readonly Dictionary<(string Tenant, string Id), Entry> _entries = [];

    /// <summary>Waits until the case is free; dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var key = (tenant, id);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Holder(this, key, entry);
    }

    private void Leave((string, string) key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(CaseLocks owner, (string, string) key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
