using NodaTime;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Integrations.Messages;

/// <summary>A webhook ready to send: the body and its Standard Webhooks headers.</summary>
/// <param name="Id">The <c>webhook-id</c>: the reminder id, the same on every retry.</param>
/// <param name="Timestamp">The send time signed into this attempt.</param>
/// <param name="Body">The exact body bytes.</param>
/// <param name="Headers">The <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> headers.</param>
public sealed record SignedWebhook(string Id, Instant Timestamp, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Signs a message for one delivery attempt. Sign again for each retry (the timestamp must be fresh); the id stays the reminder id.</summary>
    /// <param name="message">The message.</param>
    /// <param name="secret">The receiver's signing secret.</param>
    /// <param name="now">The time of this attempt.</param>
    /// <returns>The body and headers to send.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="secret"/> is <see langword="null"/>.</exception>
    public static SignedWebhook Sign(ActionDueMessage message, StandardWebhookSecret secret, Instant now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(secret);
        var body = message.ToUtf8Json();
        return new SignedWebhook(message.Reminder.Id, now, body, StandardWebhooks.Headers(secret, message.Reminder.Id, now, body));
    }
}
