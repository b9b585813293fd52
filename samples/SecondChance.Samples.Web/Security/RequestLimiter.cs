using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace SecondChance.Samples.Web.Security;

/// <summary>
/// The global request limit: each request takes one permit from each of the fixed windows
/// <paramref name="windows"/> names for it (its tenant's, its client address's, ...), in order, and is
/// refused with the first window that has none left. The windows are the runtime's
/// <see cref="FixedWindowRateLimiter"/>; this class only finds them, in a dictionary read without a lock
/// (the runtime's partitioned limiter takes one lock per lookup, which every request of every tenant
/// queued on), replenishes them once a second, and forgets windows idle for longer than <see cref="ForgetAfter"/>.
/// </summary>
internal sealed class RequestLimiter<TKey> : PartitionedRateLimiter<HttpContext>
    where TKey : notnull
{
    /// <summary>How long a window that is full again is kept before it is forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<TKey, FixedWindowRateLimiter> _windows = new();
    private readonly Func<HttpContext, IEnumerable<(TKey Key, FixedWindowRateLimiterOptions Limit)>> _partitions;
    private readonly Timer _replenish;

    /// <param name="windows">The windows a request counts against, each with its limit (whose <c>AutoReplenishment</c> must be off).</param>
    public RequestLimiter(Func<HttpContext, IEnumerable<(TKey Key, FixedWindowRateLimiterOptions Limit)>> windows)
    {
        _partitions = windows;

        // The timer holds the limiter weakly, so a limiter nobody uses any more is collected and its timer stops.
        var self = new WeakReference<RequestLimiter<TKey>>(this);
        _replenish = new Timer(static state => Tick((WeakReference<RequestLimiter<TKey>>)state!), self, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        RateLimitLease? granted = null;
        foreach (var (key, limit) in _partitions(resource))
        {
            var lease = _windows.GetOrAdd(key, static (_, options) => new FixedWindowRateLimiter(options), limit).AttemptAcquire(permitCount);
            if (!lease.IsAcquired)
            {
                granted?.Dispose();
                return lease;
            }

            // A fixed window hands nothing back when its lease is disposed, so holding the last one is enough.
            granted?.Dispose();
            granted = lease;
        }

        return granted ?? Unlimited.Instance;
    }

    // No window queues (QueueLimit 0): a request gets its permits now or is refused now.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        new(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _replenish.Dispose();
            foreach (var window in _windows.Values)
            {
                window.Dispose();
            }

            _windows.Clear();
        }

        base.Dispose(disposing);
    }

    private static void Tick(WeakReference<RequestLimiter<TKey>> self)
    {
        if (!self.TryGetTarget(out var limiter))
        {
            return;
        }

        foreach (var (key, window) in limiter._windows)
        {
            window.TryReplenish();
            if (window.IdleDuration > ForgetAfter)
            {
                // Not disposed: a request that found it a moment ago may still take a permit from it.
                limiter._windows.TryRemove(new KeyValuePair<TKey, FixedWindowRateLimiter>(key, window));
            }
        }
    }

    private sealed class Unlimited : RateLimitLease
    {
        public static readonly Unlimited Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
