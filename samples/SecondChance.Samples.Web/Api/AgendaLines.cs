using Microsoft.Extensions.Caching.Memory;
using NodaTime;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The JSON of agenda lines already worked out, by tenant, case, case version and day: a line depends
/// only on those (and the tenant's rules, fixed while the app runs), so a page read again costs one
/// index scan instead of parsing and deciding every case on it. A new version of a case is a new key;
/// old lines age out of the bounded cache.
/// </summary>
public sealed class AgendaLines : IDisposable
{
    /// <summary>The most memory the cached lines take, in bytes.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    /// <summary>Returns the cached line for this case version and day, or makes it with <paramref name="make"/> (null: the case is not on the agenda).</summary>
    public byte[]? GetOrAdd(string tenant, string id, long version, LocalDate day, Func<byte[]?> make)
    {
        var key = new Key(tenant, id, version, day);
        if (_cache.TryGetValue(key, out byte[]? line))
        {
            return line;
        }

        line = make();
        _cache.Set(key, line, new MemoryCacheEntryOptions { Size = (line?.Length ?? 0) + 64, SlidingExpiration = TimeSpan.FromHours(1) });
        return line;
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(string Tenant, string Id, long Version, LocalDate Day);
}
