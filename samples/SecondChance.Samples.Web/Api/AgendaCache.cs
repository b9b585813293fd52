using Microsoft.Extensions.Caching.Memory;
using NodaTime;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// What the agenda already worked out, in one bounded cache:
/// <list type="bullet">
/// <item>lines, by tenant, case, case version and day: a line depends only on those (and the tenant's
/// rules, fixed while the app runs), so a case that did not change is never parsed and decided again;</item>
/// <item>whole pages, by request, valid while the tenant's change counter (<see cref="Storage.ICaseStore.TenantVersionAsync"/>)
/// stays the same, so reading a page again costs one point query.</item>
/// </list>
/// Old entries age out; nothing stale is served, because every key names what its value was computed from.
/// </summary>
public sealed class AgendaCache : IDisposable
{
    /// <summary>The most memory the cached lines and pages take, in bytes.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    /// <summary>Returns the cached line for this case version and day, or makes it with <paramref name="make"/> (null: the case is not on the agenda).</summary>
    public byte[]? Line(string tenant, string id, long version, LocalDate day, Func<byte[]?> make)
    {
        var key = new LineKey(tenant, id, version, day);
        if (_cache.TryGetValue(key, out byte[]? line))
        {
            return line;
        }

        line = make();
        _cache.Set(key, line, new MemoryCacheEntryOptions { Size = (line?.Length ?? 0) + 64, SlidingExpiration = TimeSpan.FromHours(1) });
        return line;
    }

    /// <summary>Returns the page stored for this request at this tenant version, if any.</summary>
    public AgendaPage? Page(AgendaPageKey key, long tenantVersion) =>
        _cache.TryGetValue(key, out AgendaPage? page) && page!.TenantVersion == tenantVersion ? page : null;

    /// <summary>Stores a page computed after the tenant's change counter read <see cref="AgendaPage.TenantVersion"/>.</summary>
    public void Store(AgendaPageKey key, AgendaPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        _cache.Set(key, page, new MemoryCacheEntryOptions { Size = page.Body.Length + 128, SlidingExpiration = TimeSpan.FromMinutes(20) });
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct LineKey(string Tenant, string Id, long Version, LocalDate Day);
}

/// <summary>
/// What an agenda page depends on besides the tenant's cases: the request, and, when "today" is each
/// case's own, the quarter of an hour in UTC (every time zone's midnight falls on one).
/// </summary>
public readonly record struct AgendaPageKey(string Tenant, string? On, string? Cursor, int Limit, long QuarterHour);

/// <summary>An agenda page as sent: its JSON body and the next page's link, if any.</summary>
public sealed record AgendaPage(long TenantVersion, byte[] Body, string? NextLink);
