using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class ValidationTests : IClassFixture<WebAppFactory>
{
    private readonly HttpClient _acme;

    public ValidationTests(WebAppFactory factory) => _acme = factory.ClientFor(WebAppFactory.AcmeKey);

    public static TheoryData<string, string> BadCases => new()
    {
        { "{ not json", "$" },
        { "[]", "$" },
        { """{ "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-06" } ] }""", "candidate" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "Intern", "events": [ { "type": "Notified", "on": "2026-03-06" } ] }""", "level" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "timeZone": "Mars/Olympus", "events": [ { "type": "Notified", "on": "2026-03-06" } ] }""", "timeZone" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "contact": { "name": "P", "email": "no-at-sign" }, "events": [ { "type": "Notified", "on": "2026-03-06" } ] }""", "contact.email" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [] }""", "events" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "NoteSent", "on": "2026-03-06", "channel": "Email" } ] }""", "events[0].type" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-06" }, { "type": "Notified", "on": "2026-03-07" } ] }""", "events[1].type" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-06" }, { "type": "InterestReaffirmed", "on": "2026-03-05" } ] }""", "events[1].on" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-11" } ] }""", "events[0].on" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-02-30" } ] }""", "events[0].on" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-06" }, { "type": "Teleported", "on": "2026-03-06" } ] }""", "events[1].type" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "time_zone": "UTC", "events": [ { "type": "Notified", "on": "2026-03-06" } ] }""", "time_zone" },
        { """{ "candidate": "A", "company": "C", "role": "R", "level": "MiddleManagement", "events": [ { "type": "Notified", "on": "2026-03-06" }, { "type": "OfferReceived", "on": "2026-03-07", "respond_by": "2026-03-09" } ] }""", "events[1].respond_by" },
    };

    public static TheoryData<string, string> BadEvents => new()
    {
        { "{ nope", "$" },
        { """{ "on": "2026-03-10" }""", "type" },
        { """{ "type": "Teleported", "on": "2026-03-10" }""", "type" },
        { """{ "type": "FollowUpMade", "on": "10/03/2026", "outcome": "NoChange" }""", "on" },
        { """{ "type": "NoteSent", "on": "2026-03-10", "channel": "Pigeon" }""", "channel" },
        { """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "Maybe" }""", "outcome" },
        { """{ "type": "Closed", "on": "2026-03-10", "reason": "Bored" }""", "reason" },
        { """{ "type": "FollowUpMade", "on": "2026-03-05", "outcome": "NoChange" }""", "events[4].on" },
        { """{ "type": "FollowUpMade", "on": "2026-03-11", "outcome": "NoChange" }""", "events[4].on" },
        { """{ "type": "Notified", "on": "2026-03-10" }""", "events[4].type" },
        { """{ "type": "OfferReceived", "on": "2026-03-10", "respondBy": "2026-03-09" }""", "events[4].respondBy" },
        { """{ "type": "OfferReceived", "on": "2026-03-10", "respond_by": "2026-03-20" }""", "respond_by" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public async Task CreateCase_Invalid_400WithFieldPath_NothingStored(string body, string field)
    {
        var before = await (await _acme.GetAsync("/api/agenda?on=2099-12-31")).ReadJson();

        using var response = await _acme.PostAsync("/api/cases", ApiCalls.Json(body));

        await response.ShouldBeValidationProblem(field);
        var after = await (await _acme.GetAsync("/api/agenda?on=2099-12-31")).ReadJson();
        after.GetArrayLength().Should().Be(before.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task RecordEvent_Invalid_400WithFieldPath_CaseUnchanged(string body, string field)
    {
        var id = await _acme.CreateCase();
        var before = await _acme.GetCaseText(id);

        using var response = await _acme.PostEvent(id, body);

        await response.ShouldBeValidationProblem(field);
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    [Fact]
    public async Task RecordEvent_AfterClosed_400AndCaseUnchanged()
    {
        var id = await _acme.CreateCase();
        (await _acme.PostEvent(id, """{ "type": "Closed", "on": "2026-03-09", "reason": "Withdrew" }""")).EnsureSuccessStatusCode();
        var before = await _acme.GetCaseText(id);

        using var response = await _acme.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""");

        await response.ShouldBeValidationProblem("events[5]");
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    [Fact]
    public async Task RecordEvent_TodayIsTheClockDateInTheCaseZone()
    {
        // 2026-03-10T17:00Z is still 2026-03-10 in Los Angeles but already 2026-03-11 in Auckland.
        var auckland = ApiCalls.AlexCase.Replace("America/Los_Angeles", "Pacific/Auckland");
        var nz = await _acme.CreateCase(auckland);
        var la = await _acme.CreateCase();
        const string OnEleventh = """{ "type": "FollowUpMade", "on": "2026-03-11", "outcome": "NoChange" }""";

        (await _acme.PostEvent(nz, OnEleventh)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await _acme.PostEvent(la, OnEleventh)).ShouldBeValidationProblem("events[4].on");
    }

    [Fact]
    public async Task RecordEvent_BadIdempotencyKey_400()
    {
        var id = await _acme.CreateCase();
        var before = await _acme.GetCaseText(id);

        using var response = await _acme.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", new string('k', 201));

        await response.ShouldBeValidationProblem("Idempotency-Key");
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    [Theory]
    [InlineData("next", "today", "2026-3-10")]
    [InlineData("next", "today", "yesterday")]
    [InlineData("plan", "today", "2026-02-30")]
    public async Task CaseQueries_MalformedToday_400(string endpoint, string parameter, string value)
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.GetAsync($"/api/cases/{id}/{endpoint}?{parameter}={Uri.EscapeDataString(value)}");

        await response.ShouldBeValidationProblem(parameter);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("")]
    public async Task Agenda_MalformedOn_400(string value)
    {
        using var response = await _acme.GetAsync($"/api/agenda?on={value}");

        await response.ShouldBeValidationProblem("on");
    }

    [Fact]
    public async Task Next_TodayBeforeTheLastEvent_400NamingTheEvent()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.GetAsync($"/api/cases/{id}/next?today=2026-03-01");

        await response.ShouldBeValidationProblem("events[0].on");
    }
}
