using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime.Testing;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class ContractTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;
    private readonly HttpClient _acme;

    public ContractTests(WebAppFactory factory)
    {
        _factory = factory;
        _acme = factory.ClientFor(WebAppFactory.AcmeKey);
    }

    [Fact]
    public async Task BodyOverTheLimit_413ProblemJson_NothingStored()
    {
        await using var server = await LiveServer.StartAsync("Production", new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0)),
            new Dictionary<string, string?> { ["Tenants:acme"] = "acme-key" });
        using var client = server.Client("acme-key");
        var id = await client.CreateCase();
        var huge = "{ \"type\": \"FeedbackRecorded\", \"on\": \"2026-03-10\", \"gaps\": [\"" + new string('a', 1024 * 1024) + "\"] }";

        using var response = await client.PostEvent(id, huge);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJson()).GetProperty("status").GetInt32().Should().Be(413);
        (await client.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);
    }

    [Theory]
    [InlineData("/api/cases")]
    [InlineData("/api/cases/{id}/events")]
    [InlineData("/api/cases/{id}/note/check")]
    public async Task BodyThatIsNotJson_415ProblemJson_NothingStored(string path)
    {
        var id = await _acme.CreateCase();
        var before = await _acme.GetCaseText(id);

        using var response = await _acme.PostAsync(path.Replace("{id}", id, StringComparison.Ordinal),
            new StringContent("type=FollowUpMade&on=2026-03-10", Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    public static TheoryData<string, string> JsonEndpoints() => new()
    {
        { "/api/cases", ApiCalls.AlexCase },
        { "/api/cases/{id}/events", """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""" },
        { "/api/cases/{id}/note/check", """{ "text": "Thank you." }""" },
        { "/api/cases/{id}/note/draft", """{ "evidence": {} }""" },
        { "/api/openings", """{ "company": "Contoso", "title": "Engineering Manager", "postedOn": "2026-03-09" }""" },
        { "/api/cases/{id}/links", """{ "validForDays": 5 }""" },
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task JsonBodyInAnotherCharset_415NamingWhatIsAccepted_NothingStored(string path, string body)
    {
        var id = await _acme.CreateCase();
        var before = await _acme.GetCaseText(id);
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=latin1");

        using var response = await _acme.PostAsync(path.Replace("{id}", id, StringComparison.Ordinal), content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJson()).GetProperty("detail").GetString().Should().Contain("UTF-8 JSON").And.Contain("application/json").And.Contain("charset=latin1");
        (await _acme.GetCaseText(id)).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task JsonBodyWithoutAContentType_415(string path, string body)
    {
        var id = await _acme.CreateCase();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));

        using var response = await _acme.PostAsync(path.Replace("{id}", id, StringComparison.Ordinal), content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.ReadJson()).GetProperty("detail").GetString().Should().Contain("no Content-Type");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json")]
    public async Task JsonBodyInUtf8_IsAccepted(string contentType)
    {
        var id = await _acme.CreateCase();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }"""));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await _acme.PostAsync($"/api/cases/{id}/events", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LinkWithoutABody_StillIssued()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/links", null);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task DraftWithoutABody_StillDrafts()
    {
        var id = await _acme.CreateCase();

        using var response = await _acme.PostAsync($"/api/cases/{id}/note/draft", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_AliveWithoutAKey_Readyz_ReadyWithoutAKey()
    {
        var anonymous = _factory.CreateClient();

        using var alive = await anonymous.GetAsync("/healthz");
        using var ready = await anonymous.GetAsync("/readyz");

        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        (await alive.ReadJson()).GetProperty("status").GetString().Should().Be("alive");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.ReadJson()).GetProperty("status").GetString().Should().Be("ready");
    }

    [Fact]
    public async Task Readyz_DatabaseWithAnotherSchema_503()
    {
        using var factory = new WebAppFactory();
        var client = factory.CreateClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Database.Scalar(factory.Directory, "PRAGMA user_version = 99;");

        using var response = await client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task OpenApi_DescribesHeadersStatusesAndIntegers()
    {
        using var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");
        var doc = await response.ReadJson();
        var paths = doc.GetProperty("paths");

        var create = paths.GetProperty("/api/cases").GetProperty("post").GetProperty("responses");
        create.GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _).Should().BeTrue();
        create.TryGetProperty("415", out _).Should().BeTrue();
        var record = paths.GetProperty("/api/cases/{id}/events").GetProperty("post").GetProperty("responses");
        record.GetProperty("200").GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _).Should().BeTrue();
        record.TryGetProperty("415", out _).Should().BeTrue();
        paths.GetProperty("/api/cases/{id}/calendar.ics").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("headers").TryGetProperty("Content-Disposition", out _).Should().BeTrue();
        var draft = paths.GetProperty("/api/cases/{id}/note/draft").GetProperty("post");
        (draft.GetProperty("requestBody").TryGetProperty("required", out var required) && required.GetBoolean()).Should().BeFalse();
        var agenda = paths.GetProperty("/api/agenda").GetProperty("get");
        agenda.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain(["on", "limit", "cursor"]);
        agenda.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Link", out _).Should().BeTrue();
        paths.TryGetProperty("/healthz", out _).Should().BeTrue();
        paths.TryGetProperty("/readyz", out _).Should().BeTrue();

        var next = doc.GetProperty("components").GetProperty("schemas").GetProperty("NextAction").GetProperty("properties");
        Types(next.GetProperty("step")).Should().BeEquivalentTo("integer", "null");
        next.GetProperty("step").TryGetProperty("pattern", out _).Should().BeFalse();
        Types(next.GetProperty("covers").GetProperty("items")).Should().Equal("integer");
        next.GetProperty("covers").GetProperty("items").TryGetProperty("pattern", out _).Should().BeFalse();

        doc.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).Should().OnlyContain(u => !u!.EndsWith('/'));
        doc.GetProperty("info").GetProperty("license").GetProperty("name").GetString().Should().Be("MIT");
        var tags = doc.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        tags.Keys.Should().Contain(["Cases", "Notes", "Calendar", "Stats", "Health", "Candidate links"]);
        tags.Values.Should().OnlyContain(d => !string.IsNullOrWhiteSpace(d));
    }

    private static string[] Types(JsonElement schema) =>
        schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } many
            ? many.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [schema.GetProperty("type").GetString()!];
}
