using System.Net;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class IdempotencyTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;
    private readonly HttpClient _acme;

    public IdempotencyTests(WebAppFactory factory)
    {
        _factory = factory;
        _acme = factory.ClientFor(WebAppFactory.AcmeKey);
    }

    [Fact]
    public async Task SameKeyTwice_RecordsOnce_SameAnswer()
    {
        var id = await _acme.CreateCase();

        using var first = await _acme.PostEvent(id, ApiCalls.FollowUp, "retry-1");
        _factory.Clock.AdvanceHours(20); // a later day in the case's zone, inside the key's 24 hours: the replay must not be decided again
        using var second = await _acme.PostEvent(id, ApiCalls.FollowUp, "retry-1");
        _factory.Clock.AdvanceHours(-20);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task ParallelRetriesWithOneKey_RecordOnce()
    {
        var id = await _acme.CreateCase();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _acme.PostEvent(id, ApiCalls.FollowUp, "burst")));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        bodies.Distinct().Should().HaveCount(1);
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task SameKeyDifferentEvent_422AndNothingRecorded()
    {
        var id = await _acme.CreateCase();
        (await _acme.PostEvent(id, ApiCalls.FollowUp, "k1")).EnsureSuccessStatusCode();
        var before = await _acme.GetCaseText(id);

        using var response = await _acme.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "k1");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    [Fact]
    public async Task Keys_AreScopedToTheCase()
    {
        var a = await _acme.CreateCase();
        var b = await _acme.CreateCase();

        (await _acme.PostEvent(a, ApiCalls.FollowUp, "shared")).EnsureSuccessStatusCode();
        (await _acme.PostEvent(b, ApiCalls.FollowUp, "shared")).EnsureSuccessStatusCode();

        (await _acme.GetCase(a)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        (await _acme.GetCase(b)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task RejectedRequest_IsNotRemembered_FixedRetrySucceeds()
    {
        var id = await _acme.CreateCase();

        await (await _acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-11", "outcome": "NoChange" }""", "fix-me"))
            .ShouldBeValidationProblem("events[4].on");
        _factory.Clock.AdvanceDays(1);
        using var retried = await _acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-11", "outcome": "NoChange" }""", "fix-me");
        _factory.Clock.AdvanceDays(-1);

        retried.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Replay_AfterLaterEvents_IsStillTheFirstAnswer()
    {
        var id = await _acme.CreateCase();
        using var first = await _acme.PostEvent(id, ApiCalls.FollowUp, "first");
        (await _acme.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "second")).EnsureSuccessStatusCode();

        using var replay = await _acme.PostEvent(id, ApiCalls.FollowUp, "first");

        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await replay.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(6);
    }

    [Fact]
    public async Task SameEventOtherWhitespaceAndPropertyOrder_IsTheSameRequest()
    {
        var id = await _acme.CreateCase();
        using var first = await _acme.PostEvent(id, ApiCalls.FollowUp, "spacing");

        using var again = await _acme.PostEvent(id, "{\n  \"outcome\" : \"NoChange\",\n  \"on\": \"2026-03-10\",   \"type\":\"FollowUpMade\" }", "spacing");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task KeyAndBody_AreStoredAsFixedSizeHashes_NotTheAnswer()
    {
        var id = await _acme.CreateCase();
        var longKey = new string('k', 200);
        (await _acme.PostEvent(id, ApiCalls.FollowUp, longKey)).EnsureSuccessStatusCode();

        var row = await Database.Scalar(_factory,
            "SELECT length(key_hash) || ' ' || length(request_hash) || ' ' || status || ' ' || event_count FROM idempotency WHERE key_hash = @key;",
            ("@key", IdempotencyKeys.Hash("acme", id, longKey)));

        row.Should().Be("16 16 200 5", "the key is stored under the hash of tenant, case and key, with the event's hash, the status and the event count");
    }

    [Fact]
    public async Task RecordedAnswer_SameBytesAsReadingTheCase()
    {
        var id = await _acme.CreateCase(ApiCalls.JustNotified("Zoë O'Brien", "Fabrikam & Co. <EU>", "2026-03-09"));

        using var recorded = await _acme.PostEvent(id, """{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": ["a \"quoted\" gap: ü"] }""", "bytes");
        using var read = await _acme.GetAsync($"/api/cases/{id}");

        (await recorded.Content.ReadAsStringAsync()).Should().Be(await read.Content.ReadAsStringAsync());
    }
}
