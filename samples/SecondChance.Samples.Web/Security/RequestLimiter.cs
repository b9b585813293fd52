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
/// A limit of at least <see cref="MinPermitsPerShard"/> permits per processor is split over one window per
/// processor (see <see cref="Shards"/>), so a busy tenant's requests do not all queue for one window's lock.
/// </summary>
internal sealed class RequestLimiter<TKey> : PartitionedRateLimiter<HttpContext>
    where TKey : notnull
{
    /// <summary>How long a window that is full again is kept before it is forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    /// <summary>The fewest permits a window gets when a limit is split over several (a smaller limit keeps one window).</summary>
    public const int MinPermitsPerShard = 64;

    private readonly ConcurrentDictionary<TKey, Shards> _windows = new();
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
            var lease = _windows.GetOrAdd(key, static (_, options) => new Shards(options), limit).AttemptAcquire(permitCount);
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
                limiter._windows.TryRemove(new KeyValuePair<TKey, Shards>(key, window));
            }
        }
    }

    /// <summary>
    /// One limit's permits, split over one of the runtime's fixed windows per processor (when the limit is
    /// large enough), all replenished on the same tick. A request takes its permit from the window of the
    /// processor it runs on, so requests running at the same moment seldom count in the same window; when
    /// that window has none left it tries the others, so a request is refused only when the whole limit is
    /// used: never more than the limit is granted, and never less.
    /// </summary>
    internal sealed class Shards : IDisposable
    {
        private readonly FixedWindowRateLimiter[] _windows;

        public Shards(FixedWindowRateLimiterOptions limit)
        {
            var count = Math.Clamp(limit.PermitLimit / MinPermitsPerShard, 1, Environment.ProcessorCount);
            _windows = new FixedWindowRateLimiter[count];
            for (var i = 0; i < count; i++)
            {
                // The first (PermitLimit % count) windows take one permit more, so the windows add up to the limit.
                var permits = (limit.PermitLimit / count) + (i < limit.PermitLimit % count ? 1 : 0);
                _windows[i] = new FixedWindowRateLimiter(count == 1 ? limit : new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = limit.Window,
                    QueueLimit = limit.QueueLimit,
                    QueueProcessingOrder = limit.QueueProcessingOrder,
                    AutoReplenishment = limit.AutoReplenishment,
                });
            }
        }

        /// <summary>How many windows the limit is split over.</summary>
        public int Count => _windows.Length;

        /// <summary>How long every window has been full again, or <see langword="null"/> while any has permits taken.</summary>
        public TimeSpan? IdleDuration
        {
            get
            {
                var idle = TimeSpan.MaxValue;
                foreach (var window in _windows)
                {
                    if (window.IdleDuration is not { } each)
                    {
                        return null;
                    }

                    idle = each < idle ? each : idle;
                }

                return idle;
            }
        }

        public RateLimitLease AttemptAcquire(int permitCount)
        {
            var first = _windows.Length == 1 ? 0 : Thread.GetCurrentProcessorId() % _windows.Length;
            var lease = _windows[first].AttemptAcquire(permitCount);
            for (var i = 1; !lease.IsAcquired && i < _windows.Length; i++)
            {
                lease.Dispose();
                lease = _windows[(first + i) % _windows.Length].AttemptAcquire(permitCount);
            }

            return lease;
        }

        public void TryReplenish()
        {
            foreach (var window in _windows)
            {
                window.TryReplenish();
            }
        }

        public void Dispose()
        {
            foreach (var window in _windows)
            {
                window.Dispose();
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
