using System.Net;
using System.Text.RegularExpressions;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public partial class CalendarApiTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;
    private readonly HttpClient _acme;

    public CalendarApiTests(WebAppFactory factory)
    {
        _factory = factory;
        _acme = factory.ClientFor(WebAppFactory.AcmeKey);
    }

    [Fact]
    public async Task Calendar_TextCalendarAttachmentWithRemindersInTheCaseZone()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.GetAsync($"/api/cases/{id}/calendar.ics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().Be("alex-rivera-contoso-plan.ics");
        var ics = await response.Content.ReadAsStringAsync();
        ics.Should().StartWith("BEGIN:VCALENDAR\r\n").And.EndWith("END:VCALENDAR\r\n");
        ics.Should().Contain("\r\nTZID:America/Los_Angeles\r\n");
        ics.Should().Contain("\r\nDTSTART;TZID=America/Los_Angeles:20260806T090000\r\n");
        ics.Should().Contain("\r\nDTSTAMP:20260310T170000Z\r\n");
        Uids(ics, cancelled: false).Should().Equal(
            $"{id}-FollowUp@secondchance",
            $"{id}-FollowUp-window@secondchance",
            $"{id}-AwaitApproach@secondchance",
            $"{id}-AwaitApproach-window@secondchance");
        Uids(ics, cancelled: true).Should().Equal(
            $"{id}-ThankAndAsk@secondchance",
            $"{id}-ReaffirmInterest@secondchance",
            $"{id}-SendThankYouNote@secondchance");
        response.Headers.CacheControl!.Private.Should().BeTrue();
        response.Headers.CacheControl.NoCache.Should().BeTrue();
        response.Headers.ETag.Should().NotBeNull();
    }

    [Fact]
    public async Task Calendar_TwoDownloads_SameUids_AlsoAfterTimePassesAndAnEventIsRecorded()
    {
        var id = await _acme.CreateCase();

        var first = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");
        var second = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");
        (await _acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""")).EnsureSuccessStatusCode();
        var afterFollowUp = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");

        second.Should().Be(first, "the same case and clock give the same file");
        Uids(first, cancelled: false).Should().Contain($"{id}-AwaitApproach@secondchance").And.Contain($"{id}-FollowUp@secondchance");
        Uids(afterFollowUp, cancelled: false).Should().Equal($"{id}-AwaitApproach@secondchance", $"{id}-AwaitApproach-window@secondchance");
        Uids(afterFollowUp, cancelled: true).Should().Contain($"{id}-FollowUp@secondchance", "the follow-up is done, so the entry the candidate holds is withdrawn");
        afterFollowUp.Should().Contain("DTSTART;TZID=America/Los_Angeles:20260331T090000");
    }

    [Fact]
    public async Task Calendar_TimeQuery_SetsLocalStart()
    {
        var id = await _acme.CreateCase();

        var ics = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics?time=07:30");

        ics.Should().Contain("DTSTART;TZID=America/Los_Angeles:20260806T073000");
        ics.Should().NotContain("T090000");
    }

    [Theory]
    [InlineData("7:30")]
    [InlineData("25:00")]
    [InlineData("noon")]
    [InlineData("")]
    public async Task Calendar_BadTime_400KeyedTime(string time)
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.GetAsync($"/api/cases/{id}/calendar.ics?time={Uri.EscapeDataString(time)}");

        await response.ShouldBeValidationProblem("time");
    }

    [Fact]
    public async Task Calendar_ClosedCase_NothingUpcomingEverythingCancelled()
    {
        var id = await _acme.CreateCase();
        var open = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");
        (await _acme.PostEvent(id, """{ "type": "Closed", "on": "2026-03-10", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();

        var ics = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");

        Uids(ics, cancelled: false).Should().BeEmpty();
        Uids(ics, cancelled: true).Should().Contain(Uids(open, cancelled: false));
    }

    [Fact]
    public async Task Feed_WebcalSubscriptionWithTheKeyInTheQuery_InlineNamedRefreshingCalendar()
    {
        var id = await _acme.CreateCase();
        using var app = _factory.ClientFor(null);

        using var response = await app.GetAsync($"/api/cases/{id}/calendar.ics?key={WebAppFactory.AcmeKey}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        response.Headers.CacheControl!.Private.Should().BeTrue();
        response.Headers.CacheControl.NoCache.Should().BeTrue();
        var ics = await response.Content.ReadAsStringAsync();
        ics.Should().Contain("\r\nX-WR-CALNAME:Contoso: Engineering Manager\r\n").And.Contain("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
        Uids(ics, cancelled: false).Should().Contain($"{id}-FollowUp@secondchance");
    }

    [Fact]
    public async Task Feed_Revalidation_304UntilAnEntryChanges()
    {
        using var factory = new WebAppFactory(); // its own clock, moved below
        using var acme = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase();
        using var app = factory.ClientFor(null);
        var url = $"/api/cases/{id}/calendar.ics?key={WebAppFactory.AcmeKey}";
        using var first = await app.GetAsync(url);
        var etag = first.Headers.ETag!;

        factory.Clock.AdvanceSeconds(30); // a new DTSTAMP, the same entries
        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        using var unchanged = await app.SendAsync(again);
        (await acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""")).EnsureSuccessStatusCode();
        using var after = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        using var changed = await app.SendAsync(after);

        unchanged.StatusCode.Should().Be(HttpStatusCode.NotModified);
        unchanged.Headers.ETag.Should().Be(etag);
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.Headers.ETag.Should().NotBe(etag);
        var ics = await changed.Content.ReadAsStringAsync();
        Uids(ics, cancelled: true).Should().Contain($"{id}-FollowUp@secondchance");
        ics.Should().MatchRegex(@"UID:[^\r]*-FollowUp@secondchance\r\n(?:[^\r]*\r\n)*?SEQUENCE:9\r\n(?:[^\r]*\r\n)*?STATUS:CANCELLED\r\n|STATUS:CANCELLED\r\n(?:[^\r]*\r\n)*?UID:[^\r]*-FollowUp@secondchance");
    }

    [Fact]
    public async Task Feed_KeyInTheQueryOpensOnlyTheCalendarOfItsOwnTenant()
    {
        var id = await _acme.CreateCase();
        using var app = _factory.ClientFor(null);

        using var wrongKey = await app.GetAsync($"/api/cases/{id}/calendar.ics?key=nope");
        using var otherTenant = await app.GetAsync($"/api/cases/{id}/calendar.ics?key={WebAppFactory.GlobexKey}");
        using var notTheFeed = await app.GetAsync($"/api/cases/{id}?key={WebAppFactory.AcmeKey}");
        using var twoKeys = await app.GetAsync($"/api/cases/{id}/calendar.ics?key={WebAppFactory.AcmeKey}&key={WebAppFactory.AcmeKey}");

        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        otherTenant.StatusCode.Should().Be(HttpStatusCode.NotFound);
        notTheFeed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        twoKeys.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Calendar_UtcCaseWithoutContact_FileNameFromNames()
    {
        var id = await _acme.CreateCase(ApiCalls.JustNotified("Zoë O'Brien", "Fabrikam & Co.", "2026-03-09"));

        using var response = await _acme.GetAsync($"/api/cases/{id}/calendar.ics");

        response.Content.Headers.ContentDisposition!.FileName.Should().Be("zoe-o-brien-fabrikam-co-plan.ics");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"UID:{id}-ThankAndAsk@secondchance");
    }

    [Fact]
    public async Task Calendar_UnknownCase_404()
    {
        using var response = await _acme.GetAsync("/api/cases/nope/calendar.ics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static List<string> Uids(string ics) => UidLine().Matches(ics).Select(m => m.Groups[1].Value).ToList();

    // The UIDs of the upcoming entries, or of the cancelled ones, in file order.
    private static List<string> Uids(string ics, bool cancelled) =>
        ics.Split("BEGIN:VEVENT").Skip(1)
            .Where(e => e.Contains("\r\nSTATUS:CANCELLED\r\n", StringComparison.Ordinal) == cancelled)
            .SelectMany(Uids)
            .ToList();

    [GeneratedRegex(@"^UID:(.+)\r$", RegexOptions.Multiline)]
    private static partial Regex UidLine();
}
