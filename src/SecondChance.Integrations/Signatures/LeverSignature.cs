using System.Globalization;
using System.Text;

namespace SecondChance.Integrations.Signatures;

/// <summary>
/// Lever's web hook signature: the body carries <c>token</c>, <c>triggeredAt</c> (milliseconds since the Unix
/// epoch) and <c>signature</c>, the lower-case hex HMAC-SHA256 of <c>token</c> followed directly by
/// <c>triggeredAt</c>, keyed with the web hook's signature token.
/// </summary>
/// <remarks>
/// The signature covers the token and the time, not the body; check the time against a tolerance (see
/// <see cref="Intake.IntakeOptions.TimestampTolerance"/>) and drop repeated deliveries by their id.
/// </remarks>
public static class LeverSignature
{
    /// <summary>Computes the <c>signature</c> field Lever sends for <paramref name="token"/> and <paramref name="triggeredAt"/>.</summary>
    /// <param name="signatureToken">The web hook's signature token (the shared secret).</param>
    /// <param name="token">The delivery's <c>token</c> field.</param>
    /// <param name="triggeredAt">The delivery's <c>triggeredAt</c> field, in milliseconds since the Unix epoch.</param>
    /// <returns>64 lower-case hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="signatureToken"/> or <paramref name="token"/> is null or empty.</exception>
    public static string Sign(string signatureToken, string token, long triggeredAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(signatureToken);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Hmac.LowerHex(Hmac.Sha256(signatureToken, Signed(token, triggeredAt)));
    }

    /// <summary>Checks a delivery's <c>signature</c> field in constant time.</summary>
    /// <param name="signatureToken">The web hook's signature token.</param>
    /// <param name="token">The delivery's <c>token</c> field; <see langword="null"/> when absent.</param>
    /// <param name="triggeredAt">The delivery's <c>triggeredAt</c> field.</param>
    /// <param name="signature">The delivery's <c>signature</c> field; <see langword="null"/> when absent.</param>
    /// <returns>The outcome; only <see cref="SignatureStatus.Valid"/> means the delivery came from the holder of the token.</returns>
    /// <exception cref="ArgumentException"><paramref name="signatureToken"/> is null or empty.</exception>
    public static SignatureCheck Verify(string signatureToken, string? token, long triggeredAt, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signatureToken);
        if (string.IsNullOrEmpty(token))
        {
            return SignatureCheck.Missing("token");
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing("signature");
        }

        if (!Hmac.IsHex(signature, 64))
        {
            return SignatureCheck.Malformed("signature", "64 hex digits");
        }

        return Hmac.HexEquals(signature, Hmac.Sha256(signatureToken, Signed(token, triggeredAt)))
            ? SignatureCheck.Valid("signature")
            : SignatureCheck.Mismatch("signature");
    }

    private static byte[] Signed(string token, long triggeredAt) =>
        Encoding.UTF8.GetBytes(token + triggeredAt.ToString(CultureInfo.InvariantCulture));
}
