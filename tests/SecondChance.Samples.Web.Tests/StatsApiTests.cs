using System.Net;
using System.Text.Json;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class StatsApiTests
{
    private static string MiddleManager(string candidate, string events) => $$"""
        { "candidate": "{{candidate}}", "company": "Northwind", "role": "Head of Data", "level": "MiddleManagement",
          "timeZone": "Europe/Berlin", "events": [ {{events}} ] }
        """;

    [Fact]
    public async Task Stats_CountsTheTenantsCasesPerLevelAndStage()
    {
        using var factory = new WebAppFactory();
        var acme = factory.ClientFor(WebAppFactory.AcmeKey);
        var globex = factory.ClientFor(WebAppFactory.GlobexKey);

        // Middle management: one open case that sent its note, one hired after an offer, one closed early.
        await acme.CreateCase();
        var hired = await acme.CreateCase(MiddleManager("Robin Diaz", """
            { "type": "Notified", "on": "2025-06-02" },
            { "type": "FeedbackRecorded", "on": "2025-06-02", "gaps": ["smaller budgets so far"] },
            { "type": "InterestReaffirmed", "on": "2025-06-02" },
            { "type": "NoteSent", "on": "2025-06-03", "channel": "Letter" },
            { "type": "FollowUpMade", "on": "2025-10-15", "outcome": "NoChange" }
            """));
        foreach (var e in new[]
        {
            """{ "type": "Approached", "on": "2025-11-20" }""",
            """{ "type": "OfferReceived", "on": "2025-12-01", "respondBy": "2025-12-08" }""",
            """{ "type": "Closed", "on": "2025-12-15", "reason": "Hired" }""",
        })
        {
            (await acme.PostEvent(hired, e)).EnsureSuccessStatusCode();
        }

        var tookOther = await acme.CreateCase(MiddleManager("Kim Park", """{ "type": "Notified", "on": "2026-03-02" }"""));
        (await acme.PostEvent(tookOther, """{ "type": "Closed", "on": "2026-03-03", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();

        // Individual contributor: one open case. Another tenant's cases must not count.
        await acme.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09"));
        await globex.CreateCase();
        await globex.CreateCase(ApiCalls.JustNotified("Lee Chen", "Tailspin", "2026-03-09"));

        using var response = await acme.GetAsync("/api/stats");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var report = await response.ReadJson();
        report.GetProperty("cases").GetInt64().Should().Be(4);
        report.GetProperty("skipped").GetInt64().Should().Be(0);
        report.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("level").GetString())
            .Should().Equal("IndividualContributor", "MiddleManagement", "SeniorExecutive");

        var middle = Level(report, "MiddleManagement");
        middle.GetProperty("cases").GetInt64().Should().Be(3);
        Funnel(middle).Should().Equal(
            ("NoteSent", 2, 3),
            ("FollowUpMade", 1, 2),
            ("Approached", 1, 1),
            ("Offered", 1, 1),
            ("Hired", 1, 1));
        var noteSent = middle.GetProperty("stages")[0];
        noteSent.GetProperty("rate").GetDouble().Should().BeApproximately(2.0 / 3, 1e-9);
        noteSent.GetProperty("interval").GetProperty("lower").GetDouble().Should().BeInRange(0.2, 0.21);
        noteSent.GetProperty("interval").GetProperty("upper").GetDouble().Should().BeInRange(0.93, 0.94);
        middle.GetProperty("medianDaysToApproach").GetDouble().Should().Be(171);
        middle.GetProperty("medianDaysToHire").GetDouble().Should().Be(196);
        var odds = middle.GetProperty("odds");
        odds.GetProperty("prior").GetDouble().Should().Be(0.3);
        odds.GetProperty("weight").GetDouble().Should().Be(20);
        odds.GetProperty("successes").GetInt64().Should().Be(1);
        odds.GetProperty("failures").GetInt64().Should().Be(1);
        odds.GetProperty("closed").GetInt64().Should().Be(2);
        odds.GetProperty("posteriorMean").GetDouble().Should().BeApproximately(7.0 / 22, 1e-9);
        odds.GetProperty("lower").GetDouble().Should().BeLessThan(7.0 / 22);
        odds.GetProperty("upper").GetDouble().Should().BeGreaterThan(7.0 / 22);

        var contributor = Level(report, "IndividualContributor");
        contributor.GetProperty("cases").GetInt64().Should().Be(1);
        Funnel(contributor).Should().Equal(("NoteSent", 0, 1), ("FollowUpMade", 0, 0), ("Approached", 0, 0), ("Offered", 0, 0), ("Hired", 0, 0));
        contributor.GetProperty("stages")[1].GetProperty("rate").ValueKind.Should().Be(JsonValueKind.Null);
        contributor.GetProperty("medianDaysToHire").ValueKind.Should().Be(JsonValueKind.Null);
        contributor.GetProperty("odds").GetProperty("posteriorMean").GetDouble().Should().BeApproximately(0.15, 1e-9);

        var executive = Level(report, "SeniorExecutive");
        executive.GetProperty("cases").GetInt64().Should().Be(0);
        executive.GetProperty("stages")[0].GetProperty("overallRate").ValueKind.Should().Be(JsonValueKind.Null);
        executive.GetProperty("odds").GetProperty("closed").GetInt64().Should().Be(0);

        var other = await (await globex.GetAsync("/api/stats")).ReadJson();
        other.GetProperty("cases").GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Stats_NoCases_EveryLevelAtItsPrior()
    {
        using var factory = new WebAppFactory();

        var report = await (await factory.ClientFor(WebAppFactory.GlobexKey).GetAsync("/api/stats")).ReadJson();

        report.GetProperty("cases").GetInt64().Should().Be(0);
        Level(report, "MiddleManagement").GetProperty("odds").GetProperty("posteriorMean").GetDouble().Should().BeApproximately(0.3, 1e-9);
        Level(report, "SeniorExecutive").GetProperty("odds").GetProperty("posteriorMean").GetDouble().Should().BeApproximately(0.15, 1e-9);
    }

    private static JsonElement Level(JsonElement report, string level) =>
        report.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == level);

    private static List<(string?, long, long)> Funnel(JsonElement level) => level.GetProperty("stages").EnumerateArray()
        .Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("reached").GetInt64(), s.GetProperty("outOf").GetInt64())).ToList();
}
