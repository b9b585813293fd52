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
        Uids(ics).Should().Equal(
            $"{id}-FollowUp@secondchance",
            $"{id}-FollowUp-window@secondchance",
            $"{id}-AwaitApproach@secondchance",
            $"{id}-AwaitApproach-window@secondchance");
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
        Uids(first).Should().Contain($"{id}-AwaitApproach@secondchance");
        Uids(afterFollowUp).Should().Equal($"{id}-AwaitApproach@secondchance", $"{id}-AwaitApproach-window@secondchance");
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
    public async Task Calendar_ClosedCase_NoEvents()
    {
        var id = await _acme.CreateCase();
        (await _acme.PostEvent(id, """{ "type": "Closed", "on": "2026-03-10", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();

        var ics = await _acme.GetStringAsync($"/api/cases/{id}/calendar.ics");

        ics.Should().Contain("BEGIN:VCALENDAR").And.NotContain("BEGIN:VEVENT");
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

    [GeneratedRegex(@"^UID:(.+)\r$", RegexOptions.Multiline)]
    private static partial Regex UidLine();
}
