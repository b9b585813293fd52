using Microsoft.Extensions.Caching.Memory;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// Cases already parsed, by tenant and id, with the last "next" answer worked out for each, in one
/// bounded cache. An entry holds the stored document it was parsed from and is used only for a stored
/// case with that same version and document, so a case changed by another process sharing the database
/// is parsed again, never served stale. Old entries age out.
/// </summary>
public sealed class CaseCache : IDisposable
{
    /// <summary>The most memory the cached cases take, in bytes (estimated from their documents' sizes).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });

    /// <summary>Returns the case stored as <paramref name="stored"/>, parsing its document only when it is not cached.</summary>
    /// <exception cref="InvalidOperationException">The stored document cannot be read.</exception>
    public RunnerUpCase Load(string tenant, StoredCase stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Find(tenant, stored)?.Case ?? Put(tenant, stored, CaseApi.Load(stored)).Case;
    }

    /// <summary>
    /// Reads a tenant's case from <paramref name="store"/>, parsed (from the cache when the stored version and
    /// document match); <see langword="null"/> when the tenant has no such case.
    /// </summary>
    public async Task<RunnerUpCase?> ReadAsync(ICaseStore store, string tenant, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Load(tenant, stored);
    }

    /// <summary>Caches <paramref name="case"/> as the case stored as <paramref name="stored"/> (just written, so already parsed).</summary>
    public void Remember(string tenant, StoredCase stored, RunnerUpCase @case) => Put(tenant, stored, @case);

    /// <summary>
    /// Returns the JSON of the case's next action as of <paramref name="day"/> with <paramref name="engine"/>,
    /// the cached bytes when the last answer for this stored case was for that day and engine; otherwise
    /// <paramref name="make"/>'s (a <see langword="null"/> from it, an invalid case, is not cached).
    /// </summary>
    public byte[]? Next(string tenant, StoredCase stored, RunnerUpCase @case, PlaybookEngine engine, LocalDate day, Func<byte[]?> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        var entry = Find(tenant, stored) ?? Put(tenant, stored, @case);
        if (entry.Answer is { } answer && answer.Day == day && ReferenceEquals(answer.Engine, engine))
        {
            return answer.Body;
        }

        var body = make();
        if (body is not null && ReferenceEquals(entry.Case, @case))
        {
            entry.Answer = new NextAnswer(engine, day, body);
        }

        return body;
    }

    public void Dispose() => _cache.Dispose();

    private Entry? Find(string tenant, StoredCase stored) =>
        _cache.TryGetValue(new Key(tenant, stored.Id), out Entry? entry)
        && entry!.Version == stored.Version
        && string.Equals(entry.Document, stored.Document, StringComparison.Ordinal)
            ? entry
            : null;

    private Entry Put(string tenant, StoredCase stored, RunnerUpCase @case)
    {
        var entry = new Entry(stored.Version, stored.Document, @case);

        // A parsed case takes a few times its document's UTF-16 size; the answer is small.
        _cache.Set(new Key(tenant, stored.Id), entry, new MemoryCacheEntryOptions { Size = (stored.Document.Length * 6L) + 1024, SlidingExpiration = Idle });
        return entry;
    }

    private readonly record struct Key(string Tenant, string Id);

    private sealed record NextAnswer(PlaybookEngine Engine, LocalDate Day, byte[] Body);

    private sealed class Entry(long version, string document, RunnerUpCase @case)
    {
        public long Version { get; } = version;

        public string Document { get; } = document;

        public RunnerUpCase Case { get; } = @case;

        // Replaced whole, never changed in place: readers on other threads see one answer or the other.
        public NextAnswer? Answer { get; set; }
    }
}
