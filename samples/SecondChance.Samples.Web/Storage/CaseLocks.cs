using System.Collections.Concurrent;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// One asynchronous lock per case, made when the first writer of the case arrives and dropped when the
/// last one leaves: writers to one case queue, writers to other cases never share a lock, nor any lock
/// of the map that finds a case's lock (a concurrent dictionary and a count per case, changed by
/// compare-and-swap).
/// </summary>
internal sealed class CaseLocks
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Entry> _entries = new();

    /// <summary>The number of cases with a writer holding or waiting for their lock.</summary>
    public int Count => _entries.Count;

    /// <summary>Waits until the case is free; dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var key = (tenant, id);
        var entry = Join(key);
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

    // Counts this writer in on the case's entry. An entry whose count reached zero is retired (its count set
    // to -1) by the writer that left last, which then takes it out of the map: a writer that still finds it
    // there waits for that and makes a new one.
    private Entry Join((string, string) key)
    {
        var spin = new SpinWait();
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static _ => new Entry());
            var users = Volatile.Read(ref entry.Users);
            while (users >= 0)
            {
                var seen = Interlocked.CompareExchange(ref entry.Users, users + 1, users);
                if (seen == users)
                {
                    return entry;
                }

                users = seen;
            }

            spin.SpinOnce();
        }
    }

    private void Leave((string, string) key, Entry entry)
    {
        if (Interlocked.Decrement(ref entry.Users) == 0 && Interlocked.CompareExchange(ref entry.Users, -1, 0) == 0)
        {
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
        }
    }

    private sealed class Entry
    {
        // Never disposed: a SemaphoreSlim holds nothing to release unless its wait handle was asked for.
        public SemaphoreSlim Gate { get; } = new(1, 1);

        // Writers holding or waiting for the gate; -1 once retired.
        public int Users;
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
