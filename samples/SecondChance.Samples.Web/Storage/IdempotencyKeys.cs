using System.Security.Cryptography;
using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// How stores identify a key: a 128-bit hash of tenant, case and the client's key, so every stored key
/// has the same small size whatever the client sent, and keys stay scoped to their case. A hash is the
/// first 16 bytes of the SHA-256 of the text's UTF-8.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The stored size of a key hash and of a request hash, in bytes.</summary>
    public const int HashLength = 16;

    /// <summary>Hashes a tenant's key for one case: the UTF-8 of <c>tenant\ncaseId\nkey</c>.</summary>
    public static byte[] Hash(string tenant, string caseId, string key) => Hash($"{tenant}\n{caseId}\n{key}");

    /// <summary>Hashes the canonical text of a request.</summary>
    public static byte[] Hash(string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return Hash(Encoding.UTF8.GetBytes(canonicalRequest));
    }

    /// <summary>Hashes the canonical text of a request, given as UTF-8 (what <see cref="Hash(string)"/> hashes for the same text).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> canonicalUtf8)
    {
        Span<byte> full = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalUtf8, full);
        return full[..HashLength].ToArray();
    }
}
