using System.Buffers;
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

    // Texts up to this many UTF-8 bytes are hashed from the stack; longer ones from a pooled buffer.
    private const int StackBytes = 512;

    /// <summary>Hashes a tenant's key for one case: the UTF-8 of <c>tenant\ncaseId\nkey</c>.</summary>
    public static byte[] Hash(string tenant, string caseId, string key)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(key);
        var most = Encoding.UTF8.GetMaxByteCount(tenant.Length + caseId.Length + key.Length + 2);
        byte[]? rented = null;
        var buffer = most <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var length = Encoding.UTF8.GetBytes(tenant, buffer);
            buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(caseId, buffer[length..]);
            buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(key, buffer[length..]);
            return Hash(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

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
