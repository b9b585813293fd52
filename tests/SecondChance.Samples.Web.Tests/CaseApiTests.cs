using System.Net;
using System.Text.Json;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class CaseApiTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;
    private readonly HttpClient _acme;

    public CaseApiTests(WebAppFactory factory)
    {
        _factory = factory;
        _acme = factory.ClientFor(WebAppFactory.AcmeKey);
    }

    [Fact]
    public async Task CreateCase_ValidDocument_201WithLocationIdCaseAndNext()
    {
        using var response = await _acme.PostAsync("/api/cases", ApiCalls.Json(ApiCalls.AlexCase));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJson();
        var id = body.GetProperty("id").GetString();
        id.Should().NotBeNullOrEmpty();
        response.Headers.Location!.ToString().Should().Be($"/api/cases/{id}");
        body.GetProperty("case").GetProperty("candidate").GetString().Should().Be("Alex Rivera");
        body.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);
        var next = body.GetProperty("next");
        next.GetProperty("action").GetString().Should().Be("FollowUp");
        next.GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        next.GetProperty("covers").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(7, 8);
    }

    [Fact]
    public async Task GetCase_Stored_ReturnsIdCaseAndNextAsOfClock()
    {
        var id = await _acme.CreateCase();

        var body = await _acme.GetCase(id);

        body.GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("case").GetProperty("contact").GetProperty("email").GetString().Should().Be("pat@contoso.example");
        body.GetProperty("next").GetProperty("overdue").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task GetCase_UnknownId_404Problem()
    {
        using var response = await _acme.GetAsync("/api/cases/does-not-exist");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task RecordEvent_FollowUpMade_AppendsAndNextBecomesAwaitApproach()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJson();
        body.GetProperty("id").GetString().Should().Be(id);
        body.GetProperty("case").GetProperty("events")[4].GetProperty("outcome").GetString().Should().Be("NoChange");
        body.GetProperty("next").GetProperty("action").GetString().Should().Be("AwaitApproach");
        body.GetProperty("next").GetProperty("dueOn").GetString().Should().Be("2026-03-31");
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task GetNext_WithToday_DecidesAsOfThatDay()
    {
        var id = await _acme.CreateCase();

        var later = await (await _acme.GetAsync($"/api/cases/{id}/next?today=2026-08-21")).ReadJson();
        var now = await (await _acme.GetAsync($"/api/cases/{id}/next")).ReadJson();

        later.GetProperty("action").GetString().Should().Be("FollowUp");
        later.GetProperty("overdue").GetBoolean().Should().BeTrue();
        now.GetProperty("overdue").GetBoolean().Should().BeFalse();
        now.GetProperty("windowStart").GetString().Should().Be("2026-07-23");
    }

    [Fact]
    public async Task GetPlan_TenStepsWithDoneAndNext()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.GetAsync($"/api/cases/{id}/plan?today=2026-03-10");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var plan = await response.ReadJson();
        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        steps.Should().HaveCount(10);
        steps.Select(s => s.GetProperty("step").GetInt32()).Should().Equal(Enumerable.Range(1, 10));
        steps[0].GetProperty("status").GetString().Should().Be("Done");
        steps[6].GetProperty("status").GetString().Should().Be("Next");
        steps[6].GetProperty("on").GetString().Should().Be("2026-08-06");
        plan.GetProperty("today").GetString().Should().Be("2026-03-10");
    }

    [Fact]
    public async Task Agenda_OnlyOpenCasesDueByThatDay_EarliestFirst()
    {
        using var factory = new WebAppFactory(null, storage: _factory.Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var followUp = await client.CreateCase();                                         // due 2026-08-06
        var called = await client.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09")); // due 2026-03-09
        var closed = await client.CreateCase(ApiCalls.JustNotified("Kim Park", "Northwind", "2026-03-02"));
        (await client.PostEvent(closed, """{ "type": "Closed", "on": "2026-03-03", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();

        var march = await (await client.GetAsync("/api/agenda?on=2026-03-10")).ReadJson();
        var august = await (await client.GetAsync("/api/agenda?on=2026-08-06")).ReadJson();
        var early = await (await client.GetAsync("/api/agenda?on=2026-03-08")).ReadJson();

        march.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(called);
        var first = march[0];
        first.GetProperty("candidate").GetString().Should().Be("Sam Lee");
        first.GetProperty("company").GetString().Should().Be("Fabrikam");
        first.GetProperty("next").GetProperty("action").GetString().Should().Be("ThankAndAskWhereShort");
        first.GetProperty("next").GetProperty("overdue").GetBoolean().Should().BeTrue();
        august.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(called, followUp);
        early.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryEndpoint()
    {
        using var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var doc = await response.ReadJson();
        var paths = doc.GetProperty("paths");
        paths.GetProperty("/api/cases").TryGetProperty("post", out _).Should().BeTrue();
        paths.GetProperty("/api/cases/{id}").TryGetProperty("get", out _).Should().BeTrue();
        paths.GetProperty("/api/cases/{id}/events").GetProperty("post").GetProperty("parameters").GetRawText().Should().Contain("Idempotency-Key");
        paths.GetProperty("/api/cases/{id}/next").GetProperty("get").GetProperty("parameters").GetRawText().Should().Contain("today");
        paths.GetProperty("/api/cases/{id}/plan").TryGetProperty("get", out _).Should().BeTrue();
        paths.GetProperty("/api/agenda").GetProperty("get").GetProperty("parameters").GetRawText().Should().Contain("\"on\"");
        paths.GetProperty("/api/cases/{id}/note/draft").GetProperty("post").GetProperty("requestBody").GetRawText().Should().Contain("NoteDraftRequest");
        paths.GetProperty("/api/cases/{id}/note/draft").GetProperty("post").GetProperty("responses").GetProperty("200").GetRawText().Should().Contain("NoteDraftResource");
        paths.GetProperty("/api/cases/{id}/note/check").GetProperty("post").GetProperty("responses").GetProperty("200").GetRawText().Should().Contain("NoteCheckResource");
        var calendar = paths.GetProperty("/api/cases/{id}/calendar.ics").GetProperty("get");
        calendar.GetProperty("parameters").GetRawText().Should().Contain("\"time\"").And.Contain("HH:mm");
        calendar.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/calendar", out _).Should().BeTrue();
        paths.GetProperty("/api/openings").GetProperty("post").GetProperty("responses").GetProperty("200").GetRawText().Should().Contain("OpeningsResult");
        paths.GetProperty("/api/stats").GetProperty("get").GetProperty("responses").GetProperty("200").GetRawText().Should().Contain("OutcomeReport");
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("RunnerUpCase").GetProperty("properties").TryGetProperty("events", out _).Should().BeTrue();
        schemas.GetProperty("CaseEvent").GetProperty("properties").GetProperty("type").GetProperty("enum").GetArrayLength().Should().Be(9);
        schemas.GetProperty("NoteFindingCode").GetProperty("enum").GetRawText().Should().Contain("UnfilledPrompt");
        schemas.GetProperty("JobLevel").GetProperty("type").GetString().Should().Be("string");
        schemas.GetProperty("NoteDraftRequest").TryGetProperty("required", out _).Should().BeFalse("every field of a draft request is optional");
        schemas.GetProperty("NoteCheckRequest").GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("text");
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/app.css")]
    public async Task Page_ServedWithoutAnyExternalResource(string path)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("://", "the page must load nothing from outside the app");
        text.Should().NotContain("//cdn");
    }

    [Fact]
    public async Task UiSettings_OutsideDevelopment_HasNoDemoKey()
    {
        var settings = await (await _factory.CreateClient().GetAsync("/ui/settings")).ReadJson();

        settings.GetProperty("demoApiKey").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
