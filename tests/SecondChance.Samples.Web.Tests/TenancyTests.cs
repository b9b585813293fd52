using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class TenancyTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;

    public TenancyTests(WebAppFactory factory) => _factory = factory;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/cases" },
        { "GET", "/api/cases/abc" },
        { "POST", "/api/cases/abc/events" },
        { "GET", "/api/cases/abc/next" },
        { "GET", "/api/cases/abc/plan" },
        { "GET", "/api/agenda?on=2026-03-10" },
        { "POST", "/api/cases/abc/note/draft" },
        { "POST", "/api/cases/abc/note/check" },
        { "GET", "/api/cases/abc/calendar.ics" },
        { "GET", "/api/stats" },
        { "POST", "/api/openings" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyApiCall_WithoutKey_401(string method, string path)
    {
        using var response = await Send(_factory.ClientFor(null), method, path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyApiCall_WithUnknownKey_401(string method, string path)
    {
        using var response = await Send(_factory.ClientFor("acme-key-but-wrong"), method, path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CaseOfAnotherTenant_404OnEveryEndpoint_AndNothingChanges()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var globex = _factory.ClientFor(WebAppFactory.GlobexKey);
        var id = await acme.CreateCase();
        var before = await acme.GetCaseText(id);

        using var missing = await globex.GetAsync("/api/cases/not-a-case");
        var missingBody = await missing.ReadJson();
        using var read = await globex.GetAsync($"/api/cases/{id}");
        using var next = await globex.GetAsync($"/api/cases/{id}/next");
        using var plan = await globex.GetAsync($"/api/cases/{id}/plan");
        using var write = await globex.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""");
        using var draft = await globex.PostAsync($"/api/cases/{id}/note/draft", null);
        using var check = await globex.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json("""{ "text": "Thank you for the call." }"""));
        using var calendar = await globex.GetAsync($"/api/cases/{id}/calendar.ics");
        var agenda = await (await globex.GetAsync("/api/agenda?on=2026-12-31")).ReadJson();

        foreach (var response in new[] { read, next, plan, write, draft, check, calendar })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            var body = await response.ReadJson();
            body.GetProperty("title").GetString().Should().Be(missingBody.GetProperty("title").GetString());
            body.GetProperty("detail").GetString().Should().Be(missingBody.GetProperty("detail").GetString()!.Replace("not-a-case", id));
        }

        agenda.EnumerateArray().Should().NotContain(i => i.GetProperty("id").GetString() == id);
        (await acme.GetCaseText(id)).Should().Be(before);
    }

    [Fact]
    public async Task ErrorsAndPages_OutsideApi_NeedNoKey()
    {
        var anonymous = _factory.ClientFor(null);

        (await anonymous.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? ApiCalls.Json(ApiCalls.AlexCase) : null,
        });
}
