using System.Collections.Frozen;
using NodaTime;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// The job levels an engine knows, found by name regardless of case. A small table indexed by a cheap
/// hash of the name sits in front of the dictionary: a sweep names the same few levels again and
/// again, and a hit costs one comparison, usually of references, instead of hashing the whole string.
/// </summary>
internal sealed class LevelTable<TValue>
{
    private const int Bits = 4;
    private readonly FrozenDictionary<string, Entry> _byName;
    private readonly Entry?[] _slots = new Entry?[1 << Bits];

    public LevelTable(IEnumerable<KeyValuePair<string, TValue>> levels)
    {
        _byName = levels.ToFrozenDictionary(kv => kv.Key, kv => new Entry(kv.Key, kv.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _byName.Values)
        {
            _slots[NameHash.Slot(entry.Name, Bits)] ??= entry;
        }
    }

    /// <summary>Finds a level; <paramref name="name"/> is returned as the configuration spells it.</summary>
    public bool TryGet(string name, out string configuredName, out TValue value)
    {
        if (name.Length != 0
            && _slots[NameHash.Slot(name, Bits)] is { } slot
            && (ReferenceEquals(slot.Name, name) || string.Equals(slot.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            (configuredName, value) = (slot.Name, slot.Value);
            return true;
        }

        if (_byName.TryGetValue(name, out var entry))
        {
            (configuredName, value) = (entry.Name, entry.Value);
            return true;
        }

        (configuredName, value) = (string.Empty, default!);
        return false;
    }

    private sealed record Entry(string Name, TValue Value);
}

/// <summary>
/// IANA time zones by id. The provider is asked once per id; its answers are kept as entries so that
/// a lookup never allocates, and the entry last seen for a slot sits in a small table in front, where
/// a hit costs one comparison (usually of references) instead of hashing the whole id.
/// </summary>
internal sealed class ZoneTable
{
    private const int Bits = 8;
    private readonly Entry?[] _slots = new Entry?[1 << Bits];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _seen = new(StringComparer.Ordinal);

    public DateTimeZone? Find(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var index = NameHash.Slot(id, Bits);
        if (_slots[index] is { } slot && (ReferenceEquals(slot.Id, id) || string.Equals(slot.Id, id, StringComparison.Ordinal)))
        {
            return slot.Zone;
        }

        if (!_seen.TryGetValue(id, out var entry))
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not { } zone)
            {
                return null;
            }

            entry = _seen.GetOrAdd(id, new Entry(id, zone));
        }

        // Last seen wins the slot. Entries are immutable, so a racing reader sees a whole entry or the old one.
        _slots[index] = entry;
        return entry.Zone;
    }

    private sealed record Entry(string Id, DateTimeZone Zone);
}

/// <summary>A slot from a name's length, middle and last character, case-insensitive for ASCII letters.</summary>
internal static class NameHash
{
    public static int Slot(string name, int bits)
    {
        var key = (uint)name.Length | ((uint)(name[name.Length / 2] | 0x20) << 8) | ((uint)(name[^1] | 0x20) << 16);
        return (int)((key * 0x9E3779B1u) >> (32 - bits));
    }
}
