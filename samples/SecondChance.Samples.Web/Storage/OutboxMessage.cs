using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>One reminder on one channel, as the outbox holds it.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="ReminderId">The reminder id (the <c>webhook-id</c> and the email's Message-Id), the same on every attempt.</param>
/// <param name="Channel">The channel: <c>webhook</c> or <c>email</c>.</param>
/// <param name="CaseId">The case.</param>
/// <param name="SendAt">When the reminder is due.</param>
/// <param name="Reminder">The reminder, as JSON.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">How many delivery attempts were made.</param>
/// <param name="LastError">The last attempt's error, if any.</param>
/// <param name="SentAt">When it was delivered.</param>
public sealed record OutboxMessage(
    string Tenant,
    string ReminderId,
    string Channel,
    string CaseId,
    Instant SendAt,
    string Reminder,
    OutboxState State,
    int Attempts,
    string? LastError,
    Instant? SentAt);
