using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>POST /api/openings: matching openings are recorded once on the tenant's own open cases only.</summary>
public class OpeningApiTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;

    public OpeningApiTests(WebAppFactory factory) => _factory = factory;

    [Fact]
    public async Task PostOpenings_MatchesOnlyThisTenantsCases_AndTheOtherTenantsCaseIsUntouched()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var globex = _factory.ClientFor(WebAppFactory.GlobexKey);
        var ours = await acme.CreateCase(Case("Tenant Isolation Corp"));
        var theirs = await globex.CreateCase(Case("Tenant Isolation Corp"));

        using var response = await acme.PostAsync("/api/openings", ApiCalls.Json(Opening("Tenant Isolation Corp, Inc.", "Engineering Manager (Remote)", url: "https://jobs.example/tic/1")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJson();
        body.GetProperty("openings").GetInt32().Should().Be(1);
        var affected = body.GetProperty("affected").EnumerateArray().ToArray();
        affected.Select(a => a.GetProperty("caseId").GetString()).Should().Equal(ours);
        affected[0].GetProperty("match").GetString().Should().Be("Reopened");
        affected[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Contain("same company: 'tenant isolation'");
        affected[0].GetProperty("next").GetProperty("rule").GetString().Should().Be("FollowUpOnOpening");
        affected[0].GetProperty("next").GetProperty("dueOn").GetString().Should().Be("2026-03-10");
        affected[0].GetProperty("replayed").GetBoolean().Should().BeFalse();

        var other = await globex.GetCase(theirs);
        other.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);
        other.GetProperty("next").GetProperty("rule").GetString().Should().Be("FollowUp");

        using var fromGlobex = await globex.PostAsync("/api/openings", ApiCalls.Json(Opening("Somewhere Else", "Engineering Manager")));
        (await fromGlobex.ReadJson()).GetProperty("affected").GetArrayLength().Should().Be(0, "acme's cases never match a globex request");
        (await acme.GetCase(ours)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task PostOpenings_SameOpeningTwice_RecordsItOnceAndAnswersTheSame()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase(Case("Repeat Ltd"));
        var byUrl = Opening("Repeat Ltd", "Senior Engineering Manager, Payments", url: "https://jobs.example/repeat/9");
        var byId = Opening("Repeat Ltd", "Engineering Manager", id: "rp-1", postedOn: "2026-03-10");

        var first = await (await acme.PostAsync("/api/openings", ApiCalls.Json($"[{byUrl}, {byId}]"))).ReadJson();
        var second = await (await acme.PostAsync("/api/openings", ApiCalls.Json($"[{byUrl}, {byId}]"))).ReadJson();

        first.GetProperty("affected").EnumerateArray().Select(a => a.GetProperty("match").GetString()).Should().Equal("Similar", "Reopened");
        second.GetProperty("affected").EnumerateArray().Select(a => a.GetProperty("match").GetString()).Should().Equal("Similar", "Reopened");
        second.GetProperty("affected").EnumerateArray().Should().OnlyContain(a => a.GetProperty("replayed").GetBoolean());
        var stored = await acme.GetCase(id);
        stored.GetProperty("case").GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "OpeningSeen").Should().Be(2);
        stored.GetProperty("next").GetProperty("guidance").GetString().Should().Contain("\u201cEngineering Manager\u201d").And.Contain("hire did not work out");
    }

    [Fact]
    public async Task PostOpenings_ClosedCasesAndOtherRoles_AreNotAffected()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var closed = await acme.CreateCase(Case("Closed Works"));
        (await acme.PostEvent(closed, """{ "type": "Closed", "on": "2026-03-09", "reason": "TookOtherJob" }""")).StatusCode.Should().Be(HttpStatusCode.OK);
        await acme.CreateCase(Case("Closed Works").Replace("Engineering Manager", "Product Designer", StringComparison.Ordinal));

        var body = await (await acme.PostAsync("/api/openings", ApiCalls.Json(Opening("Closed Works", "Engineering Manager")))).ReadJson();

        body.GetProperty("affected").GetArrayLength().Should().Be(0);
        (await acme.GetCase(closed)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task PostOpenings_AnInvalidOpening_400NamingItAndNothingIsRecorded()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase(Case("Strict Inc"));

        using var response = await acme.PostAsync("/api/openings", ApiCalls.Json($$"""[{{Opening("Strict Inc", "Engineering Manager")}}, { "company": "Strict Inc", "postedOn": "2026-03-11", "url": "nope" }]"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.ReadJson()).GetProperty("errors");
        errors.GetProperty("[1].title")[0].GetString().Should().Be("is required");
        errors.GetProperty("[1].url")[0].GetString().Should().Contain("not an absolute http or https address");
        (await acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);

        using var future = await acme.PostAsync("/api/openings", ApiCalls.Json(Opening("Strict Inc", "Engineering Manager", postedOn: "2026-03-11")));
        (await future.ReadJson()).GetProperty("errors").GetProperty("postedOn")[0].GetString().Should().Be("must not be after today (2026-03-10)");
        using var malformed = await acme.PostAsync("/api/openings", ApiCalls.Json("[]"));
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static string Case(string company) => ApiCalls.AlexCase.Replace("\"Contoso\"", $"\"{company}\"", StringComparison.Ordinal);

    private static string Opening(string company, string title, string? url = null, string? id = null, string postedOn = "2026-03-09") =>
        $$"""{ "company": "{{company}}", "title": "{{title}}", "postedOn": "{{postedOn}}"{{(url is null ? "" : $", \"url\": \"{url}\"")}}{{(id is null ? "" : $", \"id\": \"{id}\"")}} }""";
}
