using System.Net;
using System.Security.Cryptography;
using System.Text;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>Keys kept as hashes and rotated, request limits, security headers and the API description outside Development.</summary>
public class SecurityTests
{
    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task TenantWithAPlainKeyAndAHashedKey_AcceptsBoth()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?>
        {
            ["Tenants:rotating:Keys:0"] = "old-key",
            ["Tenants:rotating:KeyHashes:0"] = Sha256("new-key"),
        });

        (await factory.ClientFor("old-key").GetAsync("/api/agenda?on=2026-03-10")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientFor("new-key").GetAsync("/api/agenda?on=2026-03-10")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.ClientFor(Sha256("new-key")).GetAsync("/api/agenda?on=2026-03-10")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void ThreeKeysOrABadHash_AppRefusesToStart()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?>
        {
            ["Tenants:rotating:Keys:0"] = "a",
            ["Tenants:rotating:Keys:1"] = "b",
            ["Tenants:rotating:KeyHashes:0"] = Sha256("c"),
            ["Tenants:hashed:KeyHashes:0"] = "not-hex",
        });

        var problems = FluentActions.Invoking(() => factory.CreateClient()).Should().Throw<TenantConfigurationException>().Which.Problems;
        problems.Should().Contain(p => p.StartsWith("Tenants:rotating") && p.Contains("at most 2"));
        problems.Should().Contain(p => p.StartsWith("Tenants:hashed:KeyHashes:0"));
    }

    [Fact]
    public async Task BurstFromOneClient_Gets429WithRetryAfter_AndOtherTenantsAreCountedApart()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?> { ["RateLimits:Tenant"] = "3", ["RateLimits:Client"] = "1000" });
        var acme = factory.ClientFor(WebAppFactory.AcmeKey);
        var globex = factory.ClientFor(WebAppFactory.GlobexKey);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await acme.GetAsync("/api/agenda?on=2026-03-10")).StatusCode);
        }

        using var limited = await acme.GetAsync("/api/agenda?on=2026-03-10");
        codes.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
        (await globex.GetAsync("/api/agenda?on=2026-03-10")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CandidateLinks_HaveTheirOwnStricterLimit()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?> { ["RateLimits:Candidate"] = "2" });
        var board = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await board.CreateCase();
        using var issued = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty));
        var token = (await issued.ReadJson()).GetProperty("token").GetString()!;
        var candidate = factory.CreateClient();
        candidate.DefaultRequestHeaders.Add("X-Candidate-Link", token);

        (await candidate.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await candidate.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await candidate.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await board.GetAsync($"/api/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Page_HasSecurityHeaders_WithAPolicyThatAllowsNoInlineScript()
    {
        using var factory = new WebAppFactory();

        using var response = await factory.CreateClient().GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    [Fact]
    public async Task OpenApi_OutsideDevelopment_OnlyWhenConfigured()
    {
        using var off = new WebAppFactory(null, new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" });

        (await off.CreateClient().GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
