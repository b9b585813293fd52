using NodaTime.Testing;
using SecondChance.Samples.Web.Load;
using SecondChance.Samples.Web.Tests.Support;
using Xunit.Abstractions;

namespace SecondChance.Samples.Web.Tests;

public class LoadCheckTests
{
    private readonly ITestOutputHelper _output;

    public LoadCheckTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ThirtyTwoClients_FiveSeconds_NoErrorsNoLostEvents()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        await using var server = await LiveServer.StartAsync("Production", clock, new Dictionary<string, string?> { ["Tenants:load"] = "load-key", ["RateLimits:Tenant"] = "100000000", ["RateLimits:Client"] = "100000000" });
        using var client = server.Client("load-key");

        var report = await LoadCheck.RunAsync(client, clients: 32, TimeSpan.FromSeconds(5), new LocalDate(2026, 3, 10));

        _output.WriteLine(report.ToString());
        report.Errors.Should().Be(0);
        report.EventsLost.Should().Be(0);
        report.EventsRecorded.Should().BeGreaterThan(0);
        report.Requests.Should().BeGreaterThan(32);
    }
}
