using System.Net;
using System.Text.Json;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class NoteApiTests : IClassFixture<WebAppFactory>
{
    private const string Gap = "has not led a team of 10 or more";
    private const string Example = "Since 2024 I have led 12 engineers through two launches, and grew the team from 5 to 12.";

    // The hand-written note from docs/notes-and-calendar.md: it argues, sounds defensive, never thanks and skips the gap.
    private const string BadNote = "Dear Pat,\n\nI was surprised by the decision. To be fair, I think it was the wrong decision.\n\nI would still like to hear about other roles.\n\nAlex";

    private readonly HttpClient _acme;

    public NoteApiTests(WebAppFactory factory) => _acme = factory.ClientFor(WebAppFactory.AcmeKey);

    public static TheoryData<string, string> BadDraftBodies => new()
    {
        { "{ nope", "$" },
        { "[]", "$" },
        { "\"Email\"", "$" },
        { """{ "channel": "Pigeon" }""", "channel" },
        { """{ "channel": 2 }""", "channel" },
        { """{ "channel": "1" }""", "channel" },
        { """{ "evidense": {} }""", "evidense" },
        { """{ "evidence": ["an example"] }""", "evidence" },
        { """{ "evidence": { "  ": "an example" } }""", "evidence" },
        { """{ "evidence": { "has not led a team of 10 or more": 12 } }""", "evidence[\"has not led a team of 10 or more\"]" },
        { """{ "evidence": { "has not led a team of 10 or more": "a", "HAS NOT LED A TEAM OF 10 OR MORE": "b" } }""", "evidence[\"HAS NOT LED A TEAM OF 10 OR MORE\"]" },
        { $$"""{ "evidence": { "has not led a team of 10 or more": "{{new string('x', 2001)}}" } }""", "evidence[\"has not led a team of 10 or more\"]" },
        { """{ "evidence": { "has not owned a budget": "I ran a 2M budget." } }""", "evidence[\"has not owned a budget\"]" },
    };

    public static TheoryData<string, string> BadCheckBodies => new()
    {
        { "", "$" },
        { "{ nope", "$" },
        { "[]", "$" },
        { "{}", "text" },
        { """{ "text": null }""", "text" },
        { """{ "text": "   " }""", "text" },
        { """{ "text": 42 }""", "text" },
        { """{ "text": "Thank you.", "channel": "Fax" }""", "channel" },
        { """{ "text": "Thank you.", "tone": "warm" }""", "tone" },
        { $$"""{ "text": "{{new string('a', 20_001)}}" }""", "text" },
    };

    [Fact]
    public async Task Draft_NoBody_EmailFromLastNoteWithPromptForTheGap()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var draft = await response.ReadJson();
        draft.GetProperty("channel").GetString().Should().Be("Email");
        draft.GetProperty("subject").GetString().Should().Be("Thank you for the call about the Engineering Manager role");
        draft.GetProperty("missingEvidence").EnumerateArray().Select(g => g.GetString()).Should().Equal(Gap);
        var body = draft.GetProperty("body").GetString()!;
        body.Should().StartWith("Dear Pat Lee,\n\n");
        body.Should().Contain($"[ADD AN EXAMPLE: one concrete case that answers \"{Gap}\", with a number, a size or a result]");
        body.Should().EndWith("Best regards,\nAlex Rivera\n");
        draft.GetProperty("text").GetString().Should().Be($"Subject: {draft.GetProperty("subject").GetString()}\n\n{body}");
    }

    [Fact]
    public async Task Draft_WithEvidence_QuotesTheExampleAndNothingIsMissing()
    {
        var id = await _acme.CreateCase();
        var request = JsonSerializer.Serialize(new { evidence = new Dictionary<string, string> { ["  HAS NOT LED A TEAM OF 10 OR MORE "] = Example } });

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", ApiCalls.Json(request));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var draft = await response.ReadJson();
        draft.GetProperty("missingEvidence").GetArrayLength().Should().Be(0);
        draft.GetProperty("body").GetString().Should().Contain($"On your point \"{Gap}\": {Example}");
        draft.GetProperty("body").GetString().Should().NotContain("[ADD");
    }

    [Fact]
    public async Task Draft_AsCard_NoSubjectAndTextIsTheBody()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", ApiCalls.Json("""{ "channel": "card" }"""));

        var draft = await response.ReadJson();
        draft.GetProperty("channel").GetString().Should().Be("Card");
        draft.GetProperty("subject").ValueKind.Should().Be(JsonValueKind.Null);
        draft.GetProperty("text").GetString().Should().Be(draft.GetProperty("body").GetString());
        draft.GetProperty("body").GetString().Should().EndWith("Warm regards,\nAlex Rivera\n");
    }

    [Fact]
    public async Task Check_DraftWithEvidence_CanSendWithNoFindings()
    {
        var id = await _acme.CreateCase();
        var draft = await (await _acme.PostAsync($"/api/cases/{id}/note/draft",
            ApiCalls.Json(JsonSerializer.Serialize(new { evidence = new Dictionary<string, string> { [Gap] = Example } })))).ReadJson();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/check",
            ApiCalls.Json(JsonSerializer.Serialize(new { text = draft.GetProperty("text").GetString() })));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var check = await response.ReadJson();
        check.GetProperty("canSend").GetBoolean().Should().BeTrue();
        check.GetProperty("findings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Check_DraftWithoutEvidence_UnfilledPromptBlocksSending()
    {
        var id = await _acme.CreateCase();
        var draft = await (await _acme.PostAsync($"/api/cases/{id}/note/draft", null)).ReadJson();
        var text = draft.GetProperty("text").GetString()!;

        var check = await (await _acme.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json(JsonSerializer.Serialize(new { text })))).ReadJson();

        check.GetProperty("canSend").GetBoolean().Should().BeFalse();
        var finding = check.GetProperty("findings").EnumerateArray().Should().ContainSingle().Subject;
        finding.GetProperty("severity").GetString().Should().Be("Error");
        finding.GetProperty("code").GetString().Should().Be("UnfilledPrompt");
        finding.GetProperty("line").GetInt32().Should().Be(7);
        finding.GetProperty("offset").GetInt32().Should().Be(text.IndexOf("[ADD AN EXAMPLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_ArguingNote_ExactFindingsInOrder()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json(JsonSerializer.Serialize(new { text = BadNote, channel = "Email" })));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var check = await response.ReadJson();
        check.GetProperty("canSend").GetBoolean().Should().BeFalse();
        var findings = check.GetProperty("findings").EnumerateArray().Select(f => (
            Severity: f.GetProperty("severity").GetString(),
            Code: f.GetProperty("code").GetString(),
            Line: f.GetProperty("line").ValueKind == JsonValueKind.Null ? (int?)null : f.GetProperty("line").GetInt32(),
            Excerpt: f.GetProperty("excerpt").GetString(),
            Offset: f.GetProperty("offset").ValueKind == JsonValueKind.Null ? (int?)null : f.GetProperty("offset").GetInt32())).ToList();
        findings.Should().Equal(
            ("Warning", "Defensive", 3, "To be fair", 44),
            ("Error", "Argumentative", 3, "wrong decision", 75),
            ("Error", "NoContinuedInterest", 5, "I would still like to hear about other roles.", 92),
            ("Warning", "NoOpenness", 5, "I would still like to hear about other roles.", 92),
            ("Error", "NoThanks", null, null, null),
            ("Error", "GapNotAddressed", null, null, null));
        check.GetProperty("findings")[1].GetProperty("reason").GetString().Should().Contain("never to argue");
    }

    [Fact]
    public async Task Check_CardWordLimit_TooLongWarningButCanSend()
    {
        var id = await _acme.CreateCase();
        var draft = await (await _acme.PostAsync($"/api/cases/{id}/note/draft",
            ApiCalls.Json(JsonSerializer.Serialize(new { channel = "Card", evidence = new Dictionary<string, string> { [Gap] = Example } })))).ReadJson();
        var padded = draft.GetProperty("text").GetString()!.Replace(Example, Example + string.Concat(Enumerable.Repeat(" We shipped on time.", 25)), StringComparison.Ordinal);

        var check = await (await _acme.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json(JsonSerializer.Serialize(new { text = padded, channel = "Card" })))).ReadJson();

        check.GetProperty("canSend").GetBoolean().Should().BeTrue();
        check.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).Should().Equal("TooLong");
    }

    [Theory]
    [MemberData(nameof(BadDraftBodies))]
    public async Task Draft_BadBody_400WithFieldPath(string body, string field)
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", ApiCalls.Json(body));

        await response.ShouldBeValidationProblem(field);
    }

    [Theory]
    [MemberData(nameof(BadCheckBodies))]
    public async Task Check_BadBody_400WithFieldPath(string body, string field)
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/check", ApiCalls.Json(body));

        await response.ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task Draft_EvidenceForCaseWithoutGaps_400SaysNoGapsYet()
    {
        var id = await _acme.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09"));

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", ApiCalls.Json("""{ "evidence": { "budget": "I ran a 2M budget." } }"""));

        var errors = await response.ShouldBeValidationProblem("evidence[\"budget\"]");
        errors.GetProperty("evidence[\"budget\"]")[0].GetString().Should().Be("is not a recorded gap: this case records no gaps yet");
    }

    [Fact]
    public async Task DraftAndCheck_UnknownCase_404()
    {
        using var draft = await _acme.PostAsync("/api/cases/nope/note/draft", null);
        using var check = await _acme.PostAsync("/api/cases/nope/note/check", ApiCalls.Json("""{ "text": "Thank you." }"""));

        draft.StatusCode.Should().Be(HttpStatusCode.NotFound);
        check.StatusCode.Should().Be(HttpStatusCode.NotFound);
        check.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
