using System.Net;
using System.Text.Json;
using MailKit.Net.Smtp;
using NodaTime;
using Polly.CircuitBreaker;
using SecondChance.Integrations.Messages;
using SecondChance.Integrations.Reminders;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// Queues due reminders in the outbox (the sweep), claims queued ones with a lease and delivers them (the dispatch):
/// the signed <c>action.due</c> webhook and the reminder email. Every outcome is recorded; nothing is dropped.
/// </summary>
public sealed partial class ReminderDispatcher(
    IReminderOutbox outbox,
    ICaseStore store,
    TenantDirectory tenants,
    ReminderSettings settings,
    ReminderPipelines pipelines,
    IHttpClientFactory http,
    IClock clock,
    ILogger<ReminderDispatcher> log)
{
    public const string HttpClientName = "reminders";

    /// <summary>Gets this process's name on the leases it takes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Queues a tenant's reminders in a range of case buckets whose send time has come; returns how many it queued.</summary>
    public Task<int> SweepAsync(string tenant, int fromBucket, int toBucket, CancellationToken cancellationToken) =>
        outbox.EnqueueDueAsync(tenant, fromBucket, toBucket, clock.GetCurrentInstant(), cancellationToken);

    /// <summary>
    /// Claims queued reminders (of <paramref name="tenant"/>, or of all tenants) in a range of buckets, a batch at a time,
    /// and delivers each; returns how many were delivered.
    /// </summary>
    public async Task<int> DispatchAsync(string? tenant, int fromBucket, int toBucket, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var claimedAt = clock.GetCurrentInstant();
            var claimed = await outbox.ClaimAsync(tenant, fromBucket, toBucket, Owner, claimedAt, settings.Lease, settings.ClaimBatch, cancellationToken);

            // A delivery starts only while half its lease is left, so one that retries to its last try ends before
            // the lease does; the rest of a slow batch is left to expire and be claimed again, never sent twice at once.
            var startBy = claimedAt + (settings.Lease / 2);
            var left = 0;
            foreach (var message in claimed)
            {
                if (clock.GetCurrentInstant() > startBy)
                {
                    left++;
                    continue;
                }

                sent += await DeliverAsync(message, cancellationToken) ? 1 : 0;
            }

            if (left > 0)
            {
                LeftForLater(log, left, (long)settings.Lease.TotalSeconds);
                return sent;
            }

            if (claimed.Count < settings.ClaimBatch)
            {
                return sent;
            }
        }
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attempts = 0;
        OutboxState state;
        string? error = null;
        Instant? retryAfter = null;
        try
        {
            var stored = await store.GetAsync(message.Tenant, message.CaseId, cancellationToken)
                ?? throw new PermanentDeliveryException($"case '{message.CaseId}' no longer exists");
            var @case = CaseApi.Load(stored);
            var reminder = JsonSerializer.Deserialize<Reminder>(message.Reminder, SecondChanceJson.Options)!;
            if (message.Channel == ReminderSettings.WebhookChannel)
            {
                var (url, secret) = settings.Webhook(message.Tenant) ?? throw new PermanentDeliveryException($"tenant '{message.Tenant}' has no webhook configured any more");
                var client = http.CreateClient(HttpClientName);
                await pipelines.For("webhook " + url).ExecuteAsync(async ct =>
                {
                    attempts++;
                    var now = clock.GetCurrentInstant();
                    var signed = SignedWebhook.Sign(ActionDueMessage.For(reminder, @case, now), secret, now);
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(signed.Body) };
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    foreach (var (name, value) in signed.Headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    Classify(response.StatusCode);
                }, cancellationToken);
            }
            else
            {
                var host = settings.SmtpHost ?? throw new PermanentDeliveryException("SMTP is not configured any more (Smtp:Host)");
                var engine = tenants.For(message.Tenant).Engine;
                await pipelines.For($"smtp {host}:{settings.SmtpPort}").ExecuteAsync(async ct =>
                {
                    attempts++;
                    var email = ReminderEmail.Build(engine, @case, reminder, settings.From!, clock);
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync(host, settings.SmtpPort, settings.SmtpSecurity, ct);
                    if (!string.IsNullOrEmpty(settings.SmtpUser))
                    {
                        await smtp.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? string.Empty, ct);
                    }

                    try
                    {
                        await smtp.SendAsync(email, ct);
                    }
                    catch (SmtpCommandException ex)
                    {
                        var what = $"SMTP server refused ({ex.ErrorCode}, {(int)ex.StatusCode}): {ex.Message.Trim()}";
                        throw (int)ex.StatusCode >= 500 ? new PermanentDeliveryException(what) : new TransientDeliveryException(what);
                    }

                    // The server has taken the message: a failing QUIT must not make it send again.
                    try
                    {
                        await smtp.DisconnectAsync(quit: true, ct);
                    }
                    catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
                    {
                    }
                }, cancellationToken);
            }

            state = OutboxState.Sent;
        }
        catch (BrokenCircuitException ex)
        {
            // The endpoint keeps failing: leave the reminder pending for a later sweep instead of using up its tries.
            state = OutboxState.Pending;
            error = "the endpoint's circuit is open after repeated failures; retried by a later dispatch: " + ex.Message;
            retryAfter = clock.GetCurrentInstant() + Duration.FromTimeSpan(settings.BreakFor);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another sweep sends it, with the same id.
            throw;
        }
        catch (Exception ex)
        {
            state = OutboxState.Failed;
            error = Describe(ex);
        }

        if (!await outbox.CompleteAsync(message, Owner, state, attempts, error, clock.GetCurrentInstant(), retryAfter, CancellationToken.None))
        {
            LeaseLost(log, message.ReminderId, message.Channel, message.Tenant);
        }

        if (state == OutboxState.Sent)
        {
            Sent(log, message.ReminderId, message.Channel, message.Tenant, attempts);
        }
        else
        {
            NotSent(log, message.ReminderId, message.Channel, message.Tenant, state, attempts, error);
        }

        return state == OutboxState.Sent;
    }

    private static void Classify(HttpStatusCode status)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return;
        }

        if (status == HttpStatusCode.Gone)
        {
            throw new PermanentDeliveryException("the receiver answered 410 Gone: it no longer takes these messages");
        }

        if (code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new TransientDeliveryException($"the receiver answered {code} {status}");
        }

        throw new PermanentDeliveryException($"the receiver refused the message with {code} {status}");
    }

    private static string Describe(Exception ex) => ex switch
    {
        PermanentDeliveryException => ex.Message,
        TransientDeliveryException => ex.Message + " (on the last try)",
        Polly.Timeout.TimeoutRejectedException => "no answer within the timeout (on the last try)",
        HttpRequestException h => "the connection failed: " + h.Message + " (on the last try)",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId} by {Channel} for tenant {Tenant} was delivered after its lease ran out; another dispatcher may send it again with the same id.")]
    private static partial void LeaseLost(ILogger logger, string reminderId, string channel, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} claimed reminder(s) were not started before half their lease ({LeaseSeconds} s) ran out; they are claimed again once it ends. Lower Reminders:ClaimBatch or raise Reminders:Lease.")]
    private static partial void LeftForLater(ILogger logger, int count, long leaseSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {ReminderId} sent by {Channel} for tenant {Tenant} after {Attempts} attempt(s).")]
    private static partial void Sent(ILogger logger, string reminderId, string channel, string tenant, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderId} by {Channel} for tenant {Tenant} is {State} after {Attempts} attempt(s): {Error}")]
    private static partial void NotSent(ILogger logger, string reminderId, string channel, string tenant, OutboxState state, int attempts, string? error);
}
