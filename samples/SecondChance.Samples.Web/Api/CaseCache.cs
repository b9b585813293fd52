using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Validation;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// Cases already parsed, by tenant and id, with the last "next" answer worked out for each, in one
/// bounded cache. An entry is used only for a stored case at the entry's version: every write of a
/// document adds one to its version (under the same check that turns a concurrent write into a 409), so
/// a case changed by another host or process sharing the database is read and parsed again, never
/// served stale. A read for a cached case asks the store for the version only, and gets the document
/// only when it changed; where the store can tell that nothing at all was committed since the entry was
/// last checked (<see cref="ICaseStore.CommitStamp"/>), it does not ask. Old entries age out.
/// </summary>
public sealed class CaseCache : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    // Marks an entry never checked under any stamp; a store stamp of zero is never trusted.
    private const long Unchecked = 0;

    private readonly MemoryCache _cache;

    /// <summary>Creates a cache of at most <see cref="StorageOptions.CaseCacheMiB"/> (estimated from the cases' documents).</summary>
    /// <exception cref="InvalidOperationException">A storage setting is out of range.</exception>
    public CaseCache(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Value.Validate();
        MaxBytes = options.Value.CaseCacheMiB * 1024L * 1024;
        _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });
    }

    /// <summary>Gets the most memory the cached cases take, in bytes (estimated from their documents' sizes).</summary>
    public long MaxBytes { get; }

    /// <summary>Returns the case stored as <paramref name="stored"/>, parsing its document only when that version is not cached.</summary>
    /// <exception cref="InvalidOperationException">The stored document cannot be read.</exception>
    public RunnerUpCase Load(string tenant, StoredCase stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Find(tenant, stored.Id) is { } entry && entry.Version == stored.Version
            ? entry.Case
            : Put(tenant, stored.Id, stored.Version, stored.Document.Length, CaseApi.Load(stored)).Case;
    }

    /// <summary>
    /// Reads a tenant's case from <paramref name="store"/>, parsed (from the cache when the stored version
    /// matches); <see langword="null"/> when the tenant has no such case.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored document cannot be read.</exception>
    public async Task<RunnerUpCase?> ReadAsync(ICaseStore store, string tenant, string id, CancellationToken cancellationToken) =>
        (await ReadCachedAsync(store, tenant, id, cancellationToken).ConfigureAwait(false))?.Case;

    /// <summary>
    /// Reads a tenant's case as a cache entry, which also carries the last "next" answer (see
    /// <see cref="Next"/>); <see langword="null"/> when the tenant has no such case.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored document cannot be read.</exception>
    /// <remarks>
    /// Completes at once, without a query, when the store can tell that nothing was committed since the cached
    /// entry was last checked (<see cref="ICaseStore.CommitStamp"/>).
    /// </remarks>
    public ValueTask<CachedCase?> ReadCachedAsync(ICaseStore store, string tenant, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cached = Find(tenant, id);

        // Taken before the version is read: a commit after this point changes the stamp, so an entry is only
        // ever trusted at a stamp under which its version was read (or is still the stored one).
        var stamp = store.CommitStamp() ?? Unchecked;
        return cached is not null && stamp != Unchecked && cached.WasCheckedAt(stamp)
            ? new(cached)
            : new(ReadStoredAsync(store, tenant, id, cached, stamp, cancellationToken));
    }

    private async Task<CachedCase?> ReadStoredAsync(ICaseStore store, string tenant, string id, CachedCase? cached, long stamp, CancellationToken cancellationToken)
    {
        if (await store.GetIfChangedAsync(tenant, id, cached?.Version ?? 0, cancellationToken).ConfigureAwait(false) is not { } reading)
        {
            return null;
        }

        if (reading.Document is null && cached is not null && cached.Version == reading.Version)
        {
            cached.CheckedAt(stamp);
            return cached;
        }

        var stored = new StoredCase(id, reading.Document ?? throw new InvalidOperationException($"The store left out the document of case '{id}' at a version not asked about."), reading.Version);
        var entry = Put(tenant, id, stored.Version, stored.Document.Length, CaseApi.Load(stored));
        entry.CheckedAt(stamp);
        return entry;
    }

    /// <summary>
    /// Returns the cached entry of a tenant's case, whose version to pass as <see cref="AppendRequest.KnownVersion"/>
    /// so a write need not read the document again; <see langword="null"/> when none is cached.
    /// </summary>
    public CachedCase? Held(string tenant, string id) => Find(tenant, id);

    /// <summary>
    /// Caches <paramref name="case"/> as case <paramref name="id"/> at <paramref name="version"/> (just written, so already
    /// parsed), charged for a document of <paramref name="documentLength"/> characters or UTF-8 bytes.
    /// </summary>
    public void Remember(string tenant, string id, long version, int documentLength, RunnerUpCase @case) =>
        Put(tenant, id, version, documentLength, @case);

    /// <summary>
    /// Returns the JSON of the case's next action as of <paramref name="day"/> with <paramref name="engine"/>:
    /// the cached bytes when the last answer for this version of the case was for that day and engine;
    /// otherwise decided and serialized now and kept; <see langword="null"/> when the case is not valid then,
    /// with its errors in <paramref name="errors"/> (which are not kept).
    /// </summary>
    public static byte[]? Next(CachedCase entry, PlaybookEngine engine, LocalDate day, JsonSerializerOptions json, out IReadOnlyList<CaseError> errors)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(engine);
        errors = [];
        if (entry.Answer is { } answer && answer.Day == day && ReferenceEquals(answer.Engine, engine))
        {
            return answer.Body;
        }

        var decision = engine.Decide(entry.Case, day);
        if (!decision.IsValid)
        {
            errors = decision.Errors;
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(decision.Next, json);
        entry.Answer = new NextAnswer(engine, day, body);
        return body;
    }

    public void Dispose() => _cache.Dispose();

    private CachedCase? Find(string tenant, string id) => _cache.TryGetValue(new Key(tenant, id), out CachedCase? entry) ? entry : null;

    private CachedCase Put(string tenant, string id, long version, int documentLength, RunnerUpCase @case)
    {
        var entry = new CachedCase(version, @case);

        _cache.Set(new Key(tenant, id), entry, new MemoryCacheEntryOptions { Size = EntryBytes(documentLength), SlidingExpiration = Idle });
        return entry;
    }

    /// <summary>
    /// What an entry is charged: the parsed case (measured at 1.8 to 2.3 bytes per character of its document,
    /// from 2 to 41 events; the document itself is not kept), and about 2 KB for the entry, its key and the last answer.
    /// </summary>
    internal static long EntryBytes(int documentLength) => (documentLength * 5L / 2) + 2048;

    private readonly record struct Key(string Tenant, string Id);

    internal sealed record NextAnswer(PlaybookEngine Engine, LocalDate Day, byte[] Body);

    /// <summary>
    /// One version of a stored case, parsed, with the last "next" answer worked out for it. The document it was
    /// parsed from is not kept: every write replaces it, and a copy per cached case would be half the cache and
    /// most of what the garbage collector copies between generations.
    /// </summary>
    public sealed class CachedCase
    {
        internal CachedCase(long version, RunnerUpCase @case)
        {
            Version = version;
            Case = @case;
        }

        /// <summary>Gets the stored version this entry was parsed from.</summary>
        public long Version { get; }

        /// <summary>Gets the parsed case.</summary>
        public RunnerUpCase Case { get; }

        // Replaced whole, never changed in place: readers on other threads see one answer or the other.
        internal NextAnswer? Answer { get; set; }

        // The store's commit stamps under which this version was read as the stored one.
        private readonly StampedReads<long> _checked = new();

        internal bool WasCheckedAt(long stamp) => _checked.TryGet(stamp, out _);

        internal void CheckedAt(long stamp) => _checked.Add(stamp, Version);
    }
}
