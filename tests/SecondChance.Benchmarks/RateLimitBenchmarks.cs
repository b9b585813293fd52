using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SecondChance.Samples.Web.Security;

namespace SecondChance.Benchmarks;

/// <summary>
/// What one permit of a busy tenant's rate limit costs when every processor takes permits at once, as
/// under the load test (one tenant, one address): one of the runtime's fixed windows for the whole limit
/// (the baseline: every thread queues for its lock), against the web sample's windows split per processor
/// (<c>RequestLimiter.Shards</c>: each thread takes from its own processor's window first).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RateLimitBenchmarks
{
    private const int PermitsPerThread = 20_000;

    private static readonly FixedWindowRateLimiterOptions Limit = new()
    {
        PermitLimit = int.MaxValue,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    private static readonly int Threads = Environment.ProcessorCount;

    private FixedWindowRateLimiter _one = null!;
    private RequestLimiter<string>.Shards _shards = null!;

    // A limit of int.MaxValue permits lasts the whole run (a few million permits are taken).
    [GlobalSetup]
    public void Setup()
    {
        _one = new FixedWindowRateLimiter(Limit);
        _shards = new RequestLimiter<string>.Shards(Limit);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _one.Dispose();
        _shards.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PermitsPerThread, Description = "One window for the limit")]
    public int OneWindow() => Run(() => _one.AttemptAcquire(1));

    [Benchmark(OperationsPerInvoke = PermitsPerThread, Description = "One window per processor")]
    public int WindowPerProcessor() => Run(() => _shards.AttemptAcquire(1));

    // Every processor takes PermitsPerThread permits at once; the time is per permit of one thread.
    private static int Run(Func<RateLimitLease> acquire)
    {
        var granted = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            var mine = 0;
            for (var i = 0; i < PermitsPerThread; i++)
            {
                using var lease = acquire();
                mine += lease.IsAcquired ? 1 : 0;
            }

            Interlocked.Add(ref granted, mine);
        });

        return granted;
    }
}
