using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class IdempotencyExpiryTests
{
    /// <summary>Gets the database the app stores in.</summary>
    protected virtual TestStorage Storage => TestStorage.Sqlite;


    [Fact]
    public async Task KeyOlderThanItsLifetime_IsForgotten_SameKeyRecordsAgain()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?> { ["Storage:IdempotencyKeyLifetime"] = "02:00:00" }, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();
        (await client.PostEvent(id, ApiCalls.FollowUp, "short-lived")).EnsureSuccessStatusCode();

        factory.Clock.AdvanceMinutes(119);
        using var withinLifetime = await client.PostEvent(id, ApiCalls.FollowUp, "short-lived");
        factory.Clock.AdvanceMinutes(2);
        using var afterLifetime = await client.PostEvent(id, ApiCalls.FollowUp, "short-lived");

        withinLifetime.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
        afterLifetime.StatusCode.Should().Be(HttpStatusCode.OK);
        afterLifetime.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await client.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(6);
    }

    [Fact]
    public async Task Purge_DeletesOnlyExpiredKeys()
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();
        (await client.PostEvent(id, ApiCalls.FollowUp, "old")).EnsureSuccessStatusCode();
        factory.Clock.AdvanceHours(12);
        (await client.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "newer")).EnsureSuccessStatusCode();
        var store = factory.Services.GetRequiredService<ICaseStore>();

        var early = await store.PurgeExpiredKeysAsync(factory.Clock.GetCurrentInstant(), CancellationToken.None);
        factory.Clock.AdvanceHours(13); // the first key is 25 hours old, the second 13
        var due = await store.PurgeExpiredKeysAsync(factory.Clock.GetCurrentInstant(), CancellationToken.None);

        early.Should().Be(0);
        due.Should().Be(1);
        (await KeyCount(factory)).Should().Be(1);
        using var replay = await client.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "newer");
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
    }

    [Fact]
    public async Task ExpiredKeys_AreDeletedInTheBackground()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?>
        {
            ["Storage:IdempotencyKeyLifetime"] = "00:01:00",
            ["Storage:ExpiredKeyPurgeInterval"] = "00:00:00.100",
        }, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();
        (await client.PostEvent(id, ApiCalls.FollowUp, "soon-gone")).EnsureSuccessStatusCode();
        (await KeyCount(factory)).Should().Be(1);

        factory.Clock.AdvanceMinutes(2);

        // The purge runs on its own timer; wait for it (bounded) instead of calling it.
        for (var i = 0; i < 200 && await KeyCount(factory) > 0; i++)
        {
            await Task.Delay(50);
        }

        (await KeyCount(factory)).Should().Be(0);
    }

    private static async Task<long> KeyCount(WebAppFactory factory) =>
        Convert.ToInt64(await Database.Scalar(factory, "SELECT count(*) FROM idempotency;"), System.Globalization.CultureInfo.InvariantCulture);
}
