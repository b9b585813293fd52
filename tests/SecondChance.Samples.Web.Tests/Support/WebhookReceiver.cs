using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>A real HTTP receiver on Kestrel at a free loopback port: records every delivery and answers as the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Func<int, HttpContext, Task> answer)
    {
        _app = app;
        Answer = answer;
    }

    public sealed record Delivery(IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public Func<int, HttpContext, Task> Answer { get; set; }

    public string Url => _app.Urls.First() + "/hooks";

    /// <summary>Starts a receiver; <paramref name="answer"/> gets the 1-based number of the delivery and writes the response.</summary>
    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpContext, Task>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answer ?? ((_, _) => Task.CompletedTask));
        app.MapPost("/hooks", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            receiver.Deliveries.Enqueue(new Delivery(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray()));
            await receiver.Answer(receiver.Deliveries.Count, http);
        });
        app.MapGet("/lever/opportunities/{id}", (string id, HttpContext http) => receiver.Answer(0, http));
        await app.StartAsync();
        return receiver;
    }

    public static Func<int, HttpContext, Task> FailFirst(int n, int status = 500) => (i, http) =>
    {
        http.Response.StatusCode = i <= n ? status : 200;
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
