using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>A tenant's throwing rules, text that is not text and dates at the calendar's ends: a 400 for that request, never a 500 or a host down.</summary>
public class HostileInputTests : IClassFixture<WebAppFactory>
{
    private const string LoneSurrogate = "\\ud800";

    private readonly WebAppFactory _factory;

    public HostileInputTests(WebAppFactory factory) => _factory = factory;

    [Fact]
    public async Task RestartWithRulesThatThrowForAStoredCase_StartsAndServesEveryTenant()
    {
        var directory = TempDirectory.Create();
        try
        {
            var sevenGaps = ApiCalls.AlexCase.Replace(
                "\"gaps\": [\"has not led a team of 10 or more\"]",
                "\"gaps\": [" + string.Join(", ", Enumerable.Range(1, 7).Select(g => $"\"gap {g}\"")) + "]",
                StringComparison.Ordinal);
            string id;
            using (var before = new WebAppFactory(directory))
            {
                id = await before.ClientFor(WebAppFactory.AcmeKey).CreateCase(sevenGaps);
            }

            var rules = Path.Combine(directory, "faulty.json");
            await File.WriteAllTextAsync(rules, """
                { "WorkflowName": "Faulty", "Rules": [
                  { "RuleName": "Closed", "Expression": "facts.Closed", "Properties": { "step": null, "action": "None", "due": { "policy": "None" }, "guidance": "Done." } },
                  { "RuleName": "Faulty", "Expression": "facts.GapCount == 7 && 100 / (facts.GapCount - 7) > 0",
                    "Properties": { "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." } },
                  { "RuleName": "Anything", "Expression": "facts.Notified", "Properties": { "step": 1, "action": "ThankAndAskWhereShort", "covers": [1, 2, 3], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "Say thanks." } } ] }
                """);
            using var after = new WebAppFactory(directory, new Dictionary<string, string?> { ["RuleSets:acme"] = rules });

            var acme = after.ClientFor(WebAppFactory.AcmeKey);
            var globex = after.ClientFor(WebAppFactory.GlobexKey);
            using var faulty = await acme.GetAsync($"/api/cases/{id}");

            (await faulty.ShouldBeValidationProblem("$")).GetProperty("$")[0].GetString().Should().Contain("rule 'Faulty' threw DivideByZeroException");
            (await globex.GetCase(await globex.CreateCase())).GetProperty("next").GetProperty("rule").GetString().Should().Be("FollowUp");
            (await acme.GetCase(await acme.CreateCase())).GetProperty("next").GetProperty("rule").GetString().Should().Be("Anything");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task CreateCase_LoneSurrogate_Is400WithThePath()
    {
        using var response = await _factory.ClientFor(WebAppFactory.AcmeKey)
            .PostAsync("/api/cases", ApiCalls.Json(ApiCalls.AlexCase.Replace("Alex Rivera", "Alex " + LoneSurrogate, StringComparison.Ordinal)));

        await response.ShouldBeValidationProblem("candidate");
    }

    [Fact]
    public async Task PostEvent_LoneSurrogate_Is400WithThePath()
    {
        var client = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();

        using var response = await client.PostEvent(id, $$"""{ "type": "FollowUpMade", "on": "2026-03-09", "outcome": "No{{LoneSurrogate}}" }""");

        await response.ShouldBeValidationProblem("outcome");
    }

    [Theory]
    [InlineData("check", $$"""{ "text": "Thanks {{LoneSurrogate}}" }""", "text")]
    [InlineData("draft", $$"""{ "evidence": { "has not led a team of 10 or more": "I led {{LoneSurrogate}}" } }""", "evidence[\"has not led a team of 10 or more\"]")]
    [InlineData("draft", """{ "evidence": { "\udc00": "x" } }""", "evidence")]
    public async Task Note_LoneSurrogate_Is400WithThePath(string endpoint, string body, string field)
    {
        var client = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();

        using var response = await client.PostAsync($"/api/cases/{id}/note/{endpoint}", ApiCalls.Json(body));

        await response.ShouldBeValidationProblem(field);
    }

    [Theory]
    [InlineData("0000-03-06", "2026-04-01", "events[0].on")]
    [InlineData("2026-03-06", "9999-12-31", "events[4].respondBy")]
    public async Task CreateCase_DateAtTheEndsOfTheCalendar_Is400WithThePath(string notified, string respondBy, string field)
    {
        var body = ApiCalls.AlexCase
            .Replace("{ \"type\": \"Notified\", \"on\": \"2026-03-06\" }", $"{{ \"type\": \"Notified\", \"on\": \"{notified}\" }}", StringComparison.Ordinal)
            .Replace("\"channel\": \"Email\" }", $"\"channel\": \"Email\" }}, {{ \"type\": \"OfferReceived\", \"on\": \"2026-03-09\", \"respondBy\": \"{respondBy}\" }}", StringComparison.Ordinal);

        using var response = await _factory.ClientFor(WebAppFactory.AcmeKey).PostAsync("/api/cases", ApiCalls.Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await response.ShouldBeValidationProblem(field);
    }
}
