using System.Collections.Concurrent;
using SecondChance.Analytics;
using SecondChance.Cases;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// Each tenant's outcome statistics, kept up to date as cases change: counted once from the store at
/// start, then every write takes the case's old history out of its tenant's <see cref="OutcomeAccumulator"/>
/// and puts the new one in, so <c>/api/stats</c> never reads the cases again.
/// </summary>
/// <remarks>
/// Only writes made through this process are seen. Several hosts sharing one SQLite file each count
/// their own writes on top of what was there when they started.
/// </remarks>
public sealed class TenantStats
{
    // Read without a lock on every write; each tenant's tally has its own lock.
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly TenantDirectory _tenants;

    public TenantStats(TenantDirectory tenants) => _tenants = tenants;

    /// <summary>Counts every stored case of every tenant; called once at start, before requests are served.</summary>
    public async Task LoadAsync(ICaseStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var tenant in _tenants.Tenants)
        {
            var tally = new Tally(new OutcomeAccumulator(_tenants.For(tenant).Engine));
            await foreach (var document in store.DocumentsAsync(tenant, cancellationToken))
            {
                if (SecondChanceJson.ParseCase(document).Case is { } @case)
                {
                    tally.Accumulator.Add(@case);
                }
                else
                {
                    tally.Accumulator.Skip();
                }
            }

            _tallies[tenant] = tally;
        }
    }

    /// <summary>Takes <paramref name="before"/> (none for a new case) out of the tenant's counts and puts <paramref name="after"/> in.</summary>
    public void Changed(string tenant, RunnerUpCase? before, RunnerUpCase after)
    {
        var tally = For(tenant);
        lock (tally)
        {
            if (before is not null)
            {
                tally.Accumulator.Remove(before);
            }

            tally.Accumulator.Add(after);
        }
    }

    /// <summary>The tenant's report as of now.</summary>
    public OutcomeReport Report(string tenant)
    {
        var tally = For(tenant);
        lock (tally)
        {
            return tally.Accumulator.ToReport();
        }
    }

    private Tally For(string tenant) =>
        _tallies.GetOrAdd(tenant, static (t, tenants) => new Tally(new OutcomeAccumulator(tenants.For(t).Engine)), _tenants);

    private sealed class Tally(OutcomeAccumulator accumulator)
    {
        public OutcomeAccumulator Accumulator { get; } = accumulator;
    }
}
