using System.Security.Cryptography;
using System.Text;

namespace SecondChance.Integrations.Signatures;

/// <summary>HMAC-SHA256 helpers shared by the signature schemes.</summary>
internal static class Hmac
{
    public static byte[] Sha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    public static byte[] Sha256(string key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data);

    public static string LowerHex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Compares a hex digest from a header with the expected bytes in constant time; false for anything that is not 64 hex digits.</summary>
    public static bool HexEquals(string? hex, byte[] expected)
    {
        if (hex is null || hex.Length != expected.Length * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (expected.Length != 32 || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static bool IsHex(string text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
