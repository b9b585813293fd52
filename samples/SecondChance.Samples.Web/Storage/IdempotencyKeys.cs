using System.Security.Cryptography;
using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// How stores identify a key: a 128-bit hash of tenant, case and the client's key, so every stored key
/// has the same small size whatever the client sent, and keys stay scoped to their case.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The stored size of a key hash and of a request hash, in bytes.</summary>
    public const int HashLength = 16;

    /// <summary>Hashes a tenant's key for one case.</summary>
    public static byte[] Hash(string tenant, string caseId, string key) => Truncated($"{tenant}\n{caseId}\n{key}");

    /// <summary>Hashes the canonical text of a request.</summary>
    public static byte[] Hash(string canonicalRequest) => Truncated(canonicalRequest);

    private static byte[] Truncated(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[..HashLength];
}
