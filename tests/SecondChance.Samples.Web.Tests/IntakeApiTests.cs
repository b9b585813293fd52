using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SecondChance.Integrations.Signatures;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class IntakeApiTests : IDisposable
{
    public const string GreenhouseKey = "greenhouse-secret-of-acme";
    public const string LeverToken = "lever-token-of-acme";
    public static readonly string GenericSecret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("generic-secret-of-acme-32-bytes!"));

    private readonly WebAppFactory _factory;

    public IntakeApiTests()
        : this(TestStorage.Sqlite)
    {
    }

    protected IntakeApiTests(TestStorage storage)
    {
        Storage = storage;
        _factory = new WebAppFactory(null, Settings(), storage: storage);
    }

    protected TestStorage Storage { get; }

    public static Dictionary<string, string?> Settings(string? leverApi = null) => new()
    {
        ["Intake:acme:Greenhouse:Secret"] = GreenhouseKey,
        ["Intake:acme:Lever:Secret"] = LeverToken,
        ["Intake:acme:Lever:ApiUrl"] = leverApi,
        ["Intake:acme:Lever:ApiKey"] = leverApi is null ? null : "lever-api-key",
        ["Intake:acme:Generic:Secret"] = GenericSecret,
        ["Intake:acme:Company"] = "Fabrikam",
        ["Intake:acme:TimeZone"] = "America/Los_Angeles",
    };

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static HttpRequestMessage Greenhouse(byte[] body, string eventId = "evt-1", string tenant = "acme", string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/{tenant}/greenhouse") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Signature", signature ?? GreenhouseSignature.Sign(GreenhouseKey, body));
        request.Headers.Add("Greenhouse-Event-ID", eventId);
        return request;
    }

    [Fact]
    public async Task Greenhouse_RunnerUp_201WithLocation_WithoutAnApiKey_AndARedeliveryGetsTheSameCase()
    {
        var client = _factory.CreateClient();
        var body = Fixture("greenhouse-reject-candidate.json");

        using var created = await client.SendAsync(Greenhouse(body));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJson()).GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().Should().Be($"/api/cases/{id}");

        using var again = await client.SendAsync(Greenhouse(body));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.ReadJson()).GetProperty("id").GetString().Should().Be(id);

        var stored = await _factory.ClientFor(WebAppFactory.AcmeKey).GetCase(id);
        stored.GetProperty("case").GetProperty("candidate").GetString().Should().Be("Renée Faßbender");
        stored.GetProperty("case").GetProperty("candidateEmail").GetString().Should().Be("renee@mail.example");
        stored.GetProperty("case").GetProperty("company").GetString().Should().Be("Fabrikam");
    }

    [Fact]
    public async Task Greenhouse_OneChangedByte_401Problem_AndNothingStored()
    {
        var client = _factory.CreateClient();
        var body = Fixture("greenhouse-reject-candidate.json");
        var tampered = (byte[])body.Clone();
        tampered[body.Length / 2] ^= 0x01;

        using var response = await client.SendAsync(Greenhouse(tampered, signature: GreenhouseSignature.Sign(GreenhouseKey, body)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJson()).GetProperty("detail").GetString().Should().Contain("Signature header does not match");
        await NothingStored();
    }

    [Fact]
    public async Task Greenhouse_MissingSignature_OrUnknownTenant_401()
    {
        var client = _factory.CreateClient();
        var body = Fixture("greenhouse-reject-candidate.json");
        var unsigned = Greenhouse(body);
        unsigned.Headers.Remove("Signature");

        (await client.SendAsync(unsigned)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Greenhouse(body, tenant: "nobody"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Greenhouse(body, tenant: "globex"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "globex has no Greenhouse secret");
        await NothingStored();
    }

    [Fact]
    public async Task Greenhouse_Ping_202Ignored_WithTheReason()
    {
        using var response = await _factory.CreateClient().SendAsync(Greenhouse(Fixture("greenhouse-ping.json")));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var json = await response.ReadJson();
        json.GetProperty("status").GetString().Should().Be("ignored");
        json.GetProperty("reason").GetString().Should().Be("action 'ping' is not reject_candidate");
        await NothingStored();
    }

    [Theory]
    [InlineData("not json at all", "$")]
    [InlineData("""{ "action": "reject_candidate", "payload": { "application": { "rejected_at": "2026-03-06T22:40:00Z", "current_stage": { "name": "Offer" }, "rejection_reason": { "name": "Position filled" }, "jobs": [ { "name": "Analyst" } ] } } }""", "payload.application.candidate")]
    public async Task Greenhouse_SignedButUnreadable_400NamingTheField(string body, string field)
    {
        using var response = await _factory.CreateClient().SendAsync(Greenhouse(Encoding.UTF8.GetBytes(body)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        await NothingStored();
    }

    [Fact]
    public async Task TenMegabyteBody_413()
    {
        var huge = new byte[10 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');

        using var response = await _factory.CreateClient().SendAsync(Greenhouse(huge));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await NothingStored();
    }

    private HttpRequestMessage Generic(string json, Instant? at = null, string id = "msg_gen_1")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/acme/generic") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in StandardWebhooks.Headers(StandardWebhookSecret.Parse(GenericSecret), id, at ?? _factory.Clock.GetCurrentInstant(), body))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    [Fact]
    public async Task Generic_Signed_201_AndStaleOrReplayed()
    {
        var json = Encoding.UTF8.GetString(Fixture("generic.json")).Replace("2026-03-06", "2026-03-09", StringComparison.Ordinal);
        var client = _factory.CreateClient();

        using var stale = await client.SendAsync(Generic(json, _factory.Clock.GetCurrentInstant() - Duration.FromMinutes(6)));
        stale.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await stale.ReadJson()).GetProperty("detail").GetString().Should().Contain("webhook-timestamp header is 6 minutes behind");

        using var created = await client.SendAsync(Generic(json));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJson()).GetProperty("id").GetString();

        using var replayed = await client.SendAsync(Generic(json));
        replayed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replayed.ReadJson()).GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task Generic_InvalidCase_400WithTheEnginesFieldErrors()
    {
        var node = JsonNode.Parse(Fixture("generic.json"))!;
        node["candidateEmail"] = "not-an-address";

        using var response = await _factory.CreateClient().SendAsync(Generic(node.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJson()).GetProperty("errors").TryGetProperty("candidateEmail", out _).Should().BeTrue();
        await NothingStored();
    }

    [Fact]
    public async Task Lever_ArchivedOpportunity_IsLookedUpAndBecomesACase()
    {
        await using var lever = await WebhookReceiver.StartAsync();
        lever.Answer = (_, http) => http.Response.WriteAsJsonAsync(new
        {
            data = new
            {
                id = "8f1c2d3e-4a5b-46c7-98d9-0e1f2a3b4c5d",
                name = "Alex Rivera",
                emails = new[] { "alex@mail.example" },
                stage = new { id = "s1", text = "Offer" },
                owner = new { name = "Sam Ortiz" },
                archived = new { archivedAt = 1773140400000L, reason = new { id = "r1", text = "Hired another candidate" } },
                applications = new[] { new { id = "a1", posting = new { id = "p1", text = "Staff Engineer" } } },
            },
        });
        using var factory = new WebAppFactory(null, Settings(lever.Url.Replace("/hooks", "/lever", StringComparison.Ordinal)), storage: Storage);
        var node = JsonNode.Parse(Fixture("lever-archive.json"))!;
        node["signature"] = LeverSignature.Sign(LeverToken, node["token"]!.GetValue<string>(), node["triggeredAt"]!.GetValue<long>());
        var body = Encoding.UTF8.GetBytes(node.ToJsonString());

        using var response = await factory.CreateClient().PostAsync("/api/intake/acme/lever", new ByteArrayContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var c = (await response.ReadJson()).GetProperty("case");
        c.GetProperty("candidate").GetString().Should().Be("Alex Rivera");
        c.GetProperty("role").GetString().Should().Be("Staff Engineer");
    }

    [Fact]
    public async Task SameDelivery_ArrivingTwiceAtOnce_MakesOneCase_AndBothAnswersNameIt()
    {
        var client = _factory.CreateClient();
        var body = Fixture("greenhouse-reject-candidate.json");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await client.SendAsync(Greenhouse(body, eventId: "evt-race"));
            return (response.StatusCode, Id: (await response.ReadJson()).GetProperty("id").GetString());
        }));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK).And.Contain(HttpStatusCode.Created);
        answers.Select(a => a.Id).Distinct().Should().ContainSingle();
        Convert.ToInt64(await Database.Scalar(_factory, "SELECT count(*) FROM cases WHERE tenant = 'acme'")).Should().Be(1);
        Convert.ToInt64(await Database.Scalar(_factory, "SELECT count(*) FROM intake_deliveries WHERE tenant = 'acme' AND case_id IS NOT NULL")).Should().Be(1);
    }

    [Fact]
    public async Task Intake_HasItsOwnRateLimit_429WithRetryAfter()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?>(Settings()) { ["RateLimits:Intake"] = "2" }, storage: Storage);
        var client = factory.CreateClient();
        var body = Fixture("greenhouse-ping.json");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(Greenhouse(body, eventId: "evt-limit-" + i));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.Should().NotBeNull();
            }
        }

        statuses.Should().Equal(HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests);
    }

    private async Task NothingStored()
    {
        var agenda = await (await _factory.ClientFor(WebAppFactory.AcmeKey).GetAsync("/api/agenda?on=2030-01-01")).ReadJson();
        agenda.GetArrayLength().Should().Be(0);
    }
}

public sealed class IntakeApiTestsOnPostgreSql() : IntakeApiTests(TestStorage.PostgreSql);
