using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Request bodies and small helpers for reading answers.</summary>
public static class ApiCalls
{
    /// <summary>DESIGN.md's example: the note went out on 2026-03-06, so the follow-up is due 2026-08-06.</summary>
    public const string AlexCase = """
        {
          "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager",
          "level": "MiddleManagement", "timeZone": "America/Los_Angeles",
          "contact": { "name": "Pat Lee", "email": "pat@contoso.example" },
          "events": [
            { "type": "Notified", "on": "2026-03-06" },
            { "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["has not led a team of 10 or more"] },
            { "type": "InterestReaffirmed", "on": "2026-03-06" },
            { "type": "NoteSent", "on": "2026-03-06", "channel": "Email" }
          ]
        }
        """;

    /// <summary>A follow-up made on 2026-03-10 with nothing changed: an event the Alex case accepts as its fifth.</summary>
    public const string FollowUp = """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""";

    public static string JustNotified(string candidate, string company, string on) => $$"""
        { "candidate": "{{candidate}}", "company": "{{company}}", "role": "Analyst", "level": "IndividualContributor",
          "events": [ { "type": "Notified", "on": "{{on}}" } ] }
        """;

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> CreateCase(this HttpClient client, string body = AlexCase)
    {
        using var response = await client.PostAsync("/api/cases", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJson()).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> PostEvent(this HttpClient client, string id, string body, string? idempotencyKey = null, string? prefer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/events") { Content = Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        return client.SendAsync(request);
    }

    /// <summary>Returns the action of the case's next action as of today (fails unless the answer is 200).</summary>
    public static async Task<string?> NextAction(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}/next");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJson()).GetProperty("action").GetString();
    }

    public static async Task<JsonElement> GetCase(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadJson();
    }

    public static async Task<string> GetCaseText(this HttpClient client, string id) =>
        (await client.GetCase(id)).GetProperty("case").GetRawText();

    /// <summary>Asserts a 400 problem+json answer whose errors map has <paramref name="field"/>, and returns the map.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblem(this HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType.Should().Be(new MediaTypeHeaderValue("application/problem+json"));
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
        errors.TryGetProperty(field, out var messages).Should().BeTrue($"errors should name '{field}': {text}");
        messages.GetArrayLength().Should().BeGreaterThan(0);
        return errors;
    }
}
