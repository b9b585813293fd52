using System.Security.Cryptography;
using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Splits cases into <see cref="Count"/> buckets by a hash of their id (stored as <c>case_bucket</c> with each
/// reminder), so reminder sweeps can be partitioned into ranges that several hosts work on at once.
/// </summary>
public static class CaseBuckets
{
    /// <summary>The number of buckets: a bucket is the first two bytes of a SHA-256 of the case id.</summary>
    public const int Count = 65536;

    /// <summary>Gets a case's bucket, the same on every host and every run.</summary>
    public static int Of(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(caseId), hash);
        return (hash[0] << 8) | hash[1];
    }

    /// <summary>Gets the buckets [from, to) of partition <paramref name="index"/> of <paramref name="partitions"/> equal ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, partitions) or partitions is not in [1, <see cref="Count"/>].</exception>
    public static (int From, int To) Range(int index, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, partitions);
        return ((int)((long)index * Count / partitions), (int)((long)(index + 1) * Count / partitions));
    }
}
