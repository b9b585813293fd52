using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace SecondChance.Integrations.Signatures;

/// <summary>
/// Signs and verifies deliveries as the Standard Webhooks specification describes: three headers,
/// <c>webhook-id</c>, <c>webhook-timestamp</c> (seconds since the Unix epoch) and <c>webhook-signature</c>
/// (<c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>; several space-separated
/// signatures are allowed while a secret is rotated).
/// </summary>
public static class StandardWebhooks
{
    /// <summary>The header with the message id; it stays the same on every retry of one message.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the send time in seconds since the Unix epoch.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with one or more <c>v1,&lt;base64&gt;</c> signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from the receiver's clock, either way, before the delivery is refused: 5 minutes.</summary>
    public static readonly Duration DefaultTolerance = Duration.FromMinutes(5);

    /// <summary>Computes the <c>webhook-signature</c> header value for one message.</summary>
    /// <param name="secret">The signing secret.</param>
    /// <param name="id">The message id.</param>
    /// <param name="timestamp">The send time; only whole seconds are signed.</param>
    /// <param name="body">The exact body bytes sent.</param>
    /// <returns><c>v1,</c> followed by the base64 signature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or contains a dot or whitespace.</exception>
    public static string Sign(StandardWebhookSecret secret, string id, Instant timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Any(c => c == '.' || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException("A message id must not contain dots or whitespace.", nameof(id));
        }

        return "v1," + Convert.ToBase64String(Compute(secret, id, Seconds(timestamp), body));
    }

    /// <summary>Builds the three headers for one message.</summary>
    /// <param name="secret">The signing secret.</param>
    /// <param name="id">The message id; keep it for every retry so receivers can drop duplicates.</param>
    /// <param name="timestamp">The send time of this attempt.</param>
    /// <param name="body">The exact body bytes sent.</param>
    /// <returns>The headers by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or contains a dot or whitespace.</exception>
    public static IReadOnlyDictionary<string, string> Headers(StandardWebhookSecret secret, string id, Instant timestamp, ReadOnlySpan<byte> body) =>
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [IdHeader] = id,
            [TimestampHeader] = Seconds(timestamp),
            [SignatureHeader] = Sign(secret, id, timestamp, body),
        };

    /// <summary>Checks a delivery: the headers are present and well formed, the timestamp is within the tolerance of <paramref name="now"/>, and one of the <c>v1</c> signatures matches.</summary>
    /// <param name="secret">The signing secret.</param>
    /// <param name="id">The <c>webhook-id</c> header; <see langword="null"/> when absent.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header; <see langword="null"/> when absent.</param>
    /// <param name="signature">The <c>webhook-signature</c> header; <see langword="null"/> when absent.</param>
    /// <param name="body">The raw request body.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>; <see langword="null"/> for <see cref="DefaultTolerance"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    public static SignatureCheck Verify(StandardWebhookSecret secret, string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, Instant now, Duration? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(id))
        {
            return SignatureCheck.Missing(IdHeader + " header");
        }

        if (string.IsNullOrWhiteSpace(timestamp))
        {
            return SignatureCheck.Missing(TimestampHeader + " header");
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            return SignatureCheck.Missing(SignatureHeader + " header");
        }

        if (id.Any(c => c == '.' || char.IsWhiteSpace(c)))
        {
            return SignatureCheck.Malformed(IdHeader + " header", "no dots or whitespace");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > Instant.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Malformed(TimestampHeader + " header", "whole seconds since 1970-01-01T00:00:00Z");
        }

        var sent = Instant.FromUnixTimeSeconds(seconds);
        var limit = tolerance ?? DefaultTolerance;
        if (sent < now - limit || sent > now + limit)
        {
            return new SignatureCheck(
                SignatureStatus.Stale,
                $"{TimestampHeader} header is {FormatAge(now - sent)} from this server's clock; at most {limit.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes are allowed");
        }

        var expected = Compute(secret, id, timestamp, body);
        var sawV1 = false;
        Span<byte> given = stackalloc byte[64];
        foreach (var part in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }

            sawV1 = true;
            if (Convert.TryFromBase64String(part[3..], given, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(given[..written], expected))
            {
                return SignatureCheck.Valid(SignatureHeader + " header");
            }
        }

        return sawV1
            ? SignatureCheck.Mismatch(SignatureHeader + " header")
            : SignatureCheck.Malformed(SignatureHeader + " header", "v1, followed by a base64 signature");
    }

    private static string Seconds(Instant timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string FormatAge(Duration age)
    {
        var minutes = Math.Abs(age.TotalMinutes);
        var direction = age < Duration.Zero ? "ahead" : "behind";
        return minutes.ToString("0.#", CultureInfo.InvariantCulture) + " minutes " + direction;
    }

    private static byte[] Compute(StandardWebhookSecret secret, string id, string seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + seconds + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Hmac.Sha256(secret.Key, content);
    }
}
