namespace SecondChance.Integrations.Signatures;

/// <summary>
/// Greenhouse's web hook signature: the <c>Signature</c> header holds <c>sha256 &lt;hex&gt;</c>, the lower-case
/// hex HMAC-SHA256 of the raw request body keyed with the web hook's secret key.
/// </summary>
/// <remarks>
/// Greenhouse escapes non-ASCII characters in the JSON body (<c>\u00e9</c>) before signing, so always check the
/// bytes exactly as received; parsing and re-serializing the JSON changes them and the check fails.
/// </remarks>
public static class GreenhouseSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "Signature";

    /// <summary>The header that carries the delivery's unique id; a retried delivery keeps it.</summary>
    public const string EventIdHeader = "Greenhouse-Event-ID";

    private const string Prefix = "sha256 ";

    /// <summary>Computes the <c>Signature</c> header value for <paramref name="body"/>, as Greenhouse sends it.</summary>
    /// <param name="secretKey">The web hook's secret key.</param>
    /// <param name="body">The raw request body.</param>
    /// <returns><c>sha256 </c> followed by 64 lower-case hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is null or empty.</exception>
    public static string Sign(string secretKey, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        return Prefix + Hmac.LowerHex(Hmac.Sha256(secretKey, body));
    }

    /// <summary>Checks the <c>Signature</c> header against the raw body in constant time.</summary>
    /// <param name="secretKey">The web hook's secret key.</param>
    /// <param name="header">The <c>Signature</c> header as received; <see langword="null"/> when absent.</param>
    /// <param name="body">The raw request body, byte for byte.</param>
    /// <returns>The outcome; only <see cref="SignatureStatus.Valid"/> means the delivery came from the holder of the key.</returns>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is null or empty.</exception>
    public static SignatureCheck Verify(string secretKey, string? header, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing(HeaderName + " header");
        }

        var text = header.Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !Hmac.IsHex(text[Prefix.Length..].Trim(), 64))
        {
            return SignatureCheck.Malformed(HeaderName + " header", "sha256 followed by 64 hex digits");
        }

        return Hmac.HexEquals(text[Prefix.Length..].Trim(), Hmac.Sha256(secretKey, body))
            ? SignatureCheck.Valid(HeaderName + " header")
            : SignatureCheck.Mismatch(HeaderName + " header");
    }
}
