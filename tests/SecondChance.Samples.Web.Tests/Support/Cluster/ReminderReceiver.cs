using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Samples.Web.Tests.Support.Cluster;

/// <summary>
/// A board's webhook endpoint on Kestrel at a free loopback port: checks each <c>action.due</c>
/// delivery's Standard Webhooks signature and records its <c>webhook-id</c>, the reminder id in its
/// body and when it came, then answers 204.
/// </summary>
public sealed class ReminderReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StandardWebhookSecret _secret;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ReminderReceiver(WebApplication app, StandardWebhookSecret secret)
    {
        _app = app;
        _secret = secret;
    }

    /// <summary>One delivery as received.</summary>
    /// <param name="WebhookId">The <c>webhook-id</c> header.</param>
    /// <param name="ReminderId">The body's <c>data.reminderId</c>.</param>
    /// <param name="CaseId">The body's <c>data.caseId</c>.</param>
    /// <param name="SignatureValid">Whether the signature matched the body and the secret.</param>
    /// <param name="At">When it came, from the receiver's start.</param>
    public sealed record Delivery(string WebhookId, string? ReminderId, string? CaseId, bool SignatureValid, TimeSpan At);

    /// <summary>Gets every delivery so far, in the order they came.</summary>
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>Gets the distinct reminder ids received so far.</summary>
    public ConcurrentDictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the time since the receiver started (the clock of <see cref="Delivery.At"/>).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Gets the URL to configure as the tenants' webhook.</summary>
    public string Url => _app.Urls.First() + "/reminders";

    /// <summary>Gets the secret to configure as the tenants' webhook secret.</summary>
    public string Secret => _secret.ToString();

    /// <summary>Starts a receiver that takes <paramref name="delay"/> to answer each delivery (a board's own work).</summary>
    public static async Task<ReminderReceiver> StartAsync(TimeSpan delay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ReminderReceiver(app, StandardWebhookSecret.Generate());
        app.MapPost("/reminders", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var headers = http.Request.Headers;
            var id = headers["webhook-id"].ToString();
            var check = StandardWebhooks.Verify(receiver._secret, id, headers["webhook-timestamp"], headers["webhook-signature"], body, SystemClock.Instance.GetCurrentInstant());
            string? reminderId = null, caseId = null;
            try
            {
                var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
                reminderId = data.GetProperty("reminderId").GetString();
                caseId = data.GetProperty("caseId").GetString();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // Recorded with null ids: the checks then fail and name the delivery.
            }

            receiver.Deliveries.Enqueue(new Delivery(id, reminderId, caseId, check.IsValid, receiver._clock.Elapsed));
            receiver.Ids.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
