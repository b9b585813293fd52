using SecondChance.Samples.Web.Tenancy;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class RuleSetTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;

    public RuleSetTests(WebAppFactory factory) => _factory = factory;

    [Fact]
    public async Task TenantWithCustomRuleSet_DecidesWithItsOwnRules()
    {
        var agency = _factory.ClientFor(WebAppFactory.AgencyKey);
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);

        var custom = (await agency.GetCase(await agency.CreateCase())).GetProperty("next");
        var standard = (await acme.GetCase(await acme.CreateCase())).GetProperty("next");

        custom.GetProperty("rule").GetString().Should().Be("FollowUpAfterTwoMonths");
        custom.GetProperty("dueOn").GetString().Should().Be("2026-05-06");
        standard.GetProperty("rule").GetString().Should().Be("FollowUp");
        standard.GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        var agenda = await (await agency.GetAsync("/api/agenda?on=2026-05-31")).ReadJson();
        agenda.EnumerateArray().Should().Contain(i => i.GetProperty("next").GetProperty("rule").GetString() == "FollowUpAfterTwoMonths");
    }

    [Fact]
    public async Task HolidaysFromConfiguration_ReachATenantWithItsOwnRuleSet()
    {
        // The agency's rules put the follow-up on Wednesday 2026-05-06; a holiday that day moves it to Thursday.
        using var factory = new WebAppFactory(null, settings: new Dictionary<string, string?> { ["SecondChance:Holidays:0"] = "2026-05-06" });
        var agency = factory.ClientFor(WebAppFactory.AgencyKey);

        var next = (await agency.GetCase(await agency.CreateCase())).GetProperty("next");

        next.GetProperty("rule").GetString().Should().Be("FollowUpAfterTwoMonths");
        next.GetProperty("dueOn").GetString().Should().Be("2026-05-07");
    }

    [Fact]
    public void InvalidRuleSetFile_AppRefusesToStart_ListingEveryProblem()
    {
        using var factory = new WebAppFactory(null, settings: new Dictionary<string, string?>
        {
            ["RuleSets:acme"] = WebAppFactory.Workflow("broken.json"),
            ["RuleSets:globex"] = WebAppFactory.Workflow("missing.json"),
        });

        var start = () => factory.CreateClient();

        var problems = start.Should().Throw<TenantConfigurationException>().Which.Problems;
        problems.Should().Contain(p => p.StartsWith("RuleSets:acme") && p.Contains("UsesUnknownFact"));
        problems.Should().Contain(p => p.StartsWith("RuleSets:acme") && p.Contains("BadPolicy"));
        problems.Should().Contain(p => p.StartsWith("RuleSets:globex") && p.Contains("missing.json"));
    }

    [Fact]
    public void RuleSetForUnknownTenant_AppRefusesToStart()
    {
        using var factory = new WebAppFactory(null, settings: new Dictionary<string, string?>
        {
            ["RuleSets:nobody"] = WebAppFactory.Workflow("fast-follow-up.json"),
        });

        var start = () => factory.CreateClient();

        start.Should().Throw<TenantConfigurationException>().Which.Problems.Should().ContainSingle(p => p.Contains("nobody"));
    }

    [Fact]
    public async Task ChangingATenantsRules_RecomputesStoredDueDatesAtStart()
    {
        var directory = TempDirectory.Create();
        try
        {
            string id;
            using (var before = new WebAppFactory(directory, storage: _factory.Storage))
            {
                id = await before.ClientFor(WebAppFactory.AcmeKey).CreateCase();
            }

            using var after = new WebAppFactory(directory, new Dictionary<string, string?>
            {
                ["RuleSets:acme"] = WebAppFactory.Workflow("fast-follow-up.json"),
            }, storage: _factory.Storage);
            var agenda = await (await after.ClientFor(WebAppFactory.AcmeKey).GetAsync("/api/agenda?on=2026-05-31")).ReadJson();

            agenda.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(id);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
