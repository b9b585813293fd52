using System.Net;
using System.Text.Json;
using NodaTime;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>Candidate links: one case, the few things a candidate does with it, until expiry or revocation.</summary>
public class CandidateLinkTests : IDisposable
{
    private readonly WebAppFactory _factory;

    public CandidateLinkTests()
        : this(new WebAppFactory())
    {
    }

    protected CandidateLinkTests(WebAppFactory factory)
    {
        _factory = factory;
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(string Id, string LinkId, string Token, JsonElement Body)> Issue(string body = "")
    {
        var board = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await board.CreateCase();
        using var response = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var json = await response.ReadJson();
        return (id, json.GetProperty("id").GetString()!, json.GetProperty("token").GetString()!, json);
    }

    private HttpClient Candidate(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Candidate-Link", token);
        return client;
    }

    [Fact]
    public async Task Link_OpensItsCase_ForEverythingACandidateDoes()
    {
        var (id, _, token, body) = await Issue();
        var candidate = Candidate(token);

        body.GetProperty("url").GetString().Should().StartWith("/?link=").And.EndWith("&case=" + id);
        (await candidate.GetCase(id)).GetProperty("next").GetProperty("rule").GetString().Should().Be("FollowUp");
        (await candidate.GetAsync($"/api/cases/{id}/plan")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await candidate.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-09", "outcome": "NoChange" }""")).IsSuccessStatusCode.Should().BeTrue();
        (await candidate.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json("""{ "text": "Thank you for your time." }"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await candidate.PostAsync($"/api/cases/{id}/note/draft", ApiCalls.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _factory.CreateClient().GetAsync($"/api/cases/{id}/calendar.ics?link={Uri.EscapeDataString(token)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Link_CannotReachAnotherCaseTheAgendaOrMoreLinks()
    {
        var (id, _, token, _) = await Issue();
        var other = await _factory.ClientFor(WebAppFactory.AcmeKey).CreateCase();
        var candidate = Candidate(token);

        (await candidate.GetAsync($"/api/cases/{other}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await candidate.GetAsync("/api/agenda?on=2026-05-31")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await candidate.GetAsync("/api/stats")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await candidate.PostAsync("/api/cases", ApiCalls.Json(ApiCalls.AlexCase))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await candidate.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await candidate.GetAsync($"/api/cases/{id}/other")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WebcalFeedWithTheLinkToken_NoKey_ServesTheCasesCalendarAsAFeedAndRevalidates()
    {
        var (id, _, token, _) = await Issue();
        var calendarApp = _factory.CreateClient(); // a calendar app sends no header at all
        var feed = $"/api/cases/{id}/calendar.ics?link={Uri.EscapeDataString(token)}&time=08:30";

        using var response = await calendarApp.GetAsync(feed);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline", "a subscribed feed is read, not saved");
        var ics = await response.Content.ReadAsStringAsync();
        ics.Should().Contain($"UID:{id}-FollowUp@secondchance").And.Contain("DTSTART;TZID=America/Los_Angeles:20260806T083000")
            .And.Contain("X-WR-CALNAME:Contoso: Engineering Manager").And.Contain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, feed);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await calendarApp.SendAsync(again);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);

        // An event recorded through the link changes the feed: the old ETag no longer matches.
        (await Candidate(token).PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""")).IsSuccessStatusCode.Should().BeTrue();
        using var changed = new HttpRequestMessage(HttpMethod.Get, feed);
        changed.Headers.IfNoneMatch.Add(etag);
        using var updated = await calendarApp.SendAsync(changed);
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await updated.Content.ReadAsStringAsync();
        text.Should().Contain($"UID:{id}-AwaitApproach@secondchance");
        text[text.IndexOf($"UID:{id}-FollowUp@secondchance", StringComparison.Ordinal)..].Should().Contain("STATUS:CANCELLED", "the done follow-up is withdrawn from the subscribed calendar");
    }

    [Fact]
    public async Task WebcalFeed_RevokedExpiredOrAnotherCasesLink_NoCalendar()
    {
        var (id, linkId, token, _) = await Issue();
        var (shortId, _, shortToken, _) = await Issue("""{ "validForDays": 1 }""");
        var other = await _factory.ClientFor(WebAppFactory.AcmeKey).CreateCase();
        var calendarApp = _factory.CreateClient();
        string Feed(string caseId, string t) => $"/api/cases/{caseId}/calendar.ics?link={Uri.EscapeDataString(t)}";

        using (var otherCase = await calendarApp.GetAsync(Feed(other, token)))
        {
            otherCase.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a link opens its own case's calendar only");
            (await otherCase.Content.ReadAsStringAsync()).Should().NotContain("BEGIN:VCALENDAR");
        }

        (await calendarApp.GetAsync(Feed(id, "not-a-token"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await _factory.ClientFor(WebAppFactory.AcmeKey).DeleteAsync($"/api/cases/{id}/links/{linkId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await calendarApp.GetAsync(Feed(id, token))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await calendarApp.GetAsync(Feed(shortId, shortToken))).StatusCode.Should().Be(HttpStatusCode.OK);
        _factory.Clock.Advance(Duration.FromDays(1));
        using var expired = await calendarApp.GetAsync(Feed(shortId, shortToken));
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        expired.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task TamperedLink_Is401()
    {
        var (id, _, token, _) = await Issue();
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        (await Candidate(tampered).GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Candidate("not-a-token").GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ExpiredLink_Is401()
    {
        var (id, _, token, _) = await Issue("""{ "validForDays": 2 }""");
        (await Candidate(token).GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        _factory.Clock.Advance(Duration.FromDays(2));

        (await Candidate(token).GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedLink_Is401()
    {
        var (id, linkId, token, _) = await Issue();

        (await _factory.ClientFor(WebAppFactory.AcmeKey).DeleteAsync($"/api/cases/{id}/links/{linkId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await Candidate(token).GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _factory.ClientFor(WebAppFactory.GlobexKey).DeleteAsync($"/api/cases/{id}/links/{linkId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{ "validForDays": 0 }""")]
    [InlineData("""{ "validForDays": 91 }""")]
    [InlineData("[")]
    public async Task Issue_BadLifetime_Is400(string body)
    {
        var board = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await board.CreateCase();

        using var response = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(body));

        await response.ShouldBeValidationProblem("validForDays");
    }

    [Fact]
    public async Task Issue_AnotherTenantsCase_Is404()
    {
        var id = await _factory.ClientFor(WebAppFactory.AcmeKey).CreateCase();

        (await _factory.ClientFor(WebAppFactory.GlobexKey).PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
