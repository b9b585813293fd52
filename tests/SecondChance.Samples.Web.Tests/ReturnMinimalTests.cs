using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary><c>Prefer: return=minimal</c> on a recorded event: the event, its position and the next action instead of the whole case.</summary>
public class ReturnMinimalTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;
    private readonly HttpClient _acme;

    public ReturnMinimalTests(WebAppFactory factory)
    {
        _factory = factory;
        _acme = factory.ClientFor(WebAppFactory.AcmeKey);
    }

    [Fact]
    public async Task Minimal_AnswersWithTheEventItsPositionAndTheNextActionOfTheWholeAnswer()
    {
        var minimalCase = await _acme.CreateCase();
        var wholeCase = await _acme.CreateCase();

        using var minimal = await _acme.PostEvent(minimalCase, ApiCalls.FollowUp, prefer: "return=minimal");
        using var whole = await _acme.PostEvent(wholeCase, ApiCalls.FollowUp);

        minimal.StatusCode.Should().Be(HttpStatusCode.OK);
        minimal.Headers.GetValues(ReturnPreference.AppliedHeader).Should().Equal("return=minimal");
        var body = await minimal.ReadJson();
        body.EnumerateObject().Select(p => p.Name).Should().Equal("id", "position", "event", "next");
        body.GetProperty("id").GetString().Should().Be(minimalCase);
        body.GetProperty("position").GetInt32().Should().Be(5); // the Alex case holds four events
        body.GetProperty("event").GetProperty("type").GetString().Should().Be("FollowUpMade");
        body.GetProperty("event").GetProperty("on").GetString().Should().Be("2026-03-10");
        body.GetProperty("event").GetProperty("outcome").GetString().Should().Be("NoChange");

        whole.Headers.Contains(ReturnPreference.AppliedHeader).Should().BeFalse();
        var wholeBody = await whole.ReadJson();
        wholeBody.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        body.GetProperty("next").GetRawText().Should().Be(wholeBody.GetProperty("next").GetRawText());
        (await _acme.GetCase(minimalCase)).GetProperty("case").GetProperty("events")[4].GetRawText()
            .Should().Be(body.GetProperty("event").GetRawText(), "the event in the answer is the one stored");
    }

    [Fact]
    public async Task Replay_IsTheFirstShortAnswer_EvenAfterLaterEvents()
    {
        var id = await _acme.CreateCase();
        using var first = await _acme.PostEvent(id, ApiCalls.FollowUp, "short-1", "return=minimal");
        using (var later = await _acme.PostEvent(id, """{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": ["later"] }""", "short-2", "return=minimal"))
        {
            later.StatusCode.Should().Be(HttpStatusCode.OK);
            (await later.ReadJson()).GetProperty("position").GetInt32().Should().Be(6);
        }

        _factory.Clock.AdvanceHours(20); // a later day: the replay is not decided again
        using var retry = await _acme.PostEvent(id, ApiCalls.FollowUp, "short-1", "return=minimal");
        _factory.Clock.AdvanceHours(-20);

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.GetValues(CaseApi.IdempotentReplayedHeader).Should().Equal("true");
        retry.Headers.GetValues(ReturnPreference.AppliedHeader).Should().Equal("return=minimal");
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await _acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(6);
    }

    [Fact]
    public async Task Replay_TakesItsFormFromTheRetry()
    {
        var shortFirst = await _acme.CreateCase();
        var wholeFirst = await _acme.CreateCase();
        using var firstShort = await _acme.PostEvent(shortFirst, ApiCalls.FollowUp, "form", "return=minimal");
        using var firstWhole = await _acme.PostEvent(wholeFirst, ApiCalls.FollowUp, "form");

        using var retryWhole = await _acme.PostEvent(shortFirst, ApiCalls.FollowUp, "form");
        using var retryShort = await _acme.PostEvent(wholeFirst, ApiCalls.FollowUp, "form", "return=minimal");

        var whole = await retryWhole.ReadJson();
        retryWhole.Headers.Contains(ReturnPreference.AppliedHeader).Should().BeFalse();
        whole.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        whole.GetProperty("next").GetRawText().Should().Be((await firstShort.ReadJson()).GetProperty("next").GetRawText());

        var brief = await retryShort.ReadJson();
        retryShort.Headers.GetValues(ReturnPreference.AppliedHeader).Should().Equal("return=minimal");
        brief.GetProperty("position").GetInt32().Should().Be(5);
        brief.GetProperty("next").GetRawText().Should().Be((await firstWhole.ReadJson()).GetProperty("next").GetRawText());
        (await _acme.GetCase(shortFirst)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        (await _acme.GetCase(wholeFirst)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task Minimal_StillAnswersErrorsAsProblems()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-01", "outcome": "NoChange" }""", prefer: "return=minimal");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains(ReturnPreference.AppliedHeader).Should().BeFalse();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("return=minimal", true)]
    [InlineData("RETURN=Minimal", true)]
    [InlineData("return = \"minimal\"", true)]
    [InlineData("respond-async, return=minimal", true)]
    [InlineData("return=minimal; handling=lenient", true)]
    [InlineData("return=representation", false)]
    [InlineData("return=representation, return=minimal", false)]
    [InlineData("return", false)]
    [InlineData("returns=minimal", false)]
    [InlineData("wait=10", false)]
    [InlineData("", false)]
    public void IsMinimal_ReadsTheReturnPreference(string header, bool minimal) =>
        ReturnPreference.IsMinimal(new StringValues(header)).Should().Be(minimal);

    [Fact]
    public void IsMinimal_ReadsEveryHeaderLine()
    {
        ReturnPreference.IsMinimal(new StringValues(["respond-async", "return=minimal"])).Should().BeTrue();
        ReturnPreference.IsMinimal(StringValues.Empty).Should().BeFalse();
    }

    [Fact]
    public async Task OpenApi_DescribesThePreferenceAndBothForms()
    {
        using var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");
        var doc = await response.ReadJson();
        var record = doc.GetProperty("paths").GetProperty("/api/cases/{id}/events").GetProperty("post");

        record.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain("Prefer");
        var ok = record.GetProperty("responses").GetProperty("200");
        ok.GetProperty("headers").TryGetProperty(ReturnPreference.AppliedHeader, out _).Should().BeTrue();
        var forms = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf");
        forms.EnumerateArray().Select(f => f.GetProperty("$ref").GetString())
            .Should().Equal("#/components/schemas/CaseResource", "#/components/schemas/RecordedEvent");
        doc.GetProperty("components").GetProperty("schemas").GetProperty("RecordedEvent").GetProperty("required")
            .EnumerateArray().Select(r => r.GetString()).Should().Equal("id", "position", "event", "next");
    }
}
