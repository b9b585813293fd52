using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class ConfigurationTests
{
    [Fact]
    public async Task TenantFromEnvironmentVariable_CanUseTheApi()
    {
        // Adds a tenant no other test knows about, so setting it for the whole process is harmless.
        Environment.SetEnvironmentVariable("Tenants__envtenant", "env-secret");
        try
        {
            using var factory = new WebAppFactory();

            using var response = await factory.ClientFor("env-secret").GetAsync("/api/agenda?on=2026-03-10");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Tenants__envtenant", null);
        }
    }

    [Fact]
    public async Task DatabasePath_ComesFromTheConnectionString()
    {
        using var factory = new WebAppFactory();

        await factory.ClientFor(WebAppFactory.AcmeKey).CreateCase();

        File.Exists(Path.Combine(factory.Directory, "cases.db")).Should().BeTrue();
    }
}
