using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SecondChance.Integrations.Signatures;

/// <summary>
/// A Standard Webhooks signing secret: <c>whsec_</c> followed by the base64 of 24 to 64 random bytes. The
/// bytes after decoding are the HMAC key.
/// </summary>
public sealed class StandardWebhookSecret
{
    /// <summary>The prefix every secret carries.</summary>
    public const string Prefix = "whsec_";

    private readonly byte[] _key;

    private StandardWebhookSecret(byte[] key) => _key = key;

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Reads a secret from its text form.</summary>
    /// <param name="text">The secret, <c>whsec_</c> and base64.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not <c>whsec_</c> followed by the base64 of 24 to 64 bytes; the message says which.</exception>
    public static StandardWebhookSecret Parse(string? text) =>
        TryParse(text, out var secret, out var problem) ? secret : throw new ArgumentException(problem, nameof(text));

    /// <summary>Reads a secret from its text form without throwing.</summary>
    /// <param name="text">The secret, <c>whsec_</c> and base64.</param>
    /// <param name="secret">The secret, when it could be read.</param>
    /// <param name="problem">Why it could not be read, otherwise empty.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid secret.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StandardWebhookSecret? secret, out string problem)
    {
        secret = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the secret is empty; use whsec_ followed by base64 of 24 to 64 random bytes";
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "the secret must start with whsec_";
            return false;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text[Prefix.Length..]);
        }
        catch (FormatException)
        {
            problem = "the part after whsec_ is not base64";
            return false;
        }

        if (key.Length is < 24 or > 64)
        {
            problem = $"the secret decodes to {key.Length} bytes; use 24 to 64";
            return false;
        }

        problem = string.Empty;
        secret = new StandardWebhookSecret(key);
        return true;
    }

    /// <summary>Makes a new random secret of 32 bytes.</summary>
    /// <returns>The secret.</returns>
    public static StandardWebhookSecret Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Returns the secret's text form, <c>whsec_</c> and base64; keep it out of logs.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Prefix + Convert.ToBase64String(_key);
}
