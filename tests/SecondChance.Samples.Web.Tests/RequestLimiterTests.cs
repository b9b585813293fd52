using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecondChance.Samples.Web.Security;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>The global request limit's own parts: the lock-free window lookup and the per-connection key memo.</summary>
public class RequestLimiterTests
{
    private static readonly FixedWindowRateLimiterOptions Ten = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = false };

    [Fact]
    public async Task ManyRequestsAtOnce_GetExactlyTheLimit_PerWindow()
    {
        using var limiter = new RequestLimiter<string>(http => [(http.Request.Headers["X-Who"].ToString(), Ten)]);

        var granted = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            using var lease = limiter.AttemptAcquire(Request(i % 2 == 0 ? "a" : "b"));
            return (Who: i % 2 == 0 ? "a" : "b", lease.IsAcquired);
        })));

        granted.Count(g => g.Who == "a" && g.IsAcquired).Should().Be(10);
        granted.Count(g => g.Who == "b" && g.IsAcquired).Should().Be(10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task ALimitSplitOverOneWindowPerProcessor_StillGrantsExactlyTheLimit(int extra)
    {
        // One permit more than the windows split evenly: the windows still add up to the limit.
        var permits = (RequestLimiter<string>.MinPermitsPerShard * Environment.ProcessorCount) + extra;
        var limit = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = false };
        using var limiter = new RequestLimiter<string>(_ => [("tenant", limit)]);

        var granted = await Task.WhenAll(Enumerable.Range(0, permits * 3).Select(_ => Task.Run(() =>
        {
            using var lease = limiter.AttemptAcquire(Request("a"));
            return lease.IsAcquired;
        })));

        granted.Count(g => g).Should().Be(permits);
        using var refused = limiter.AttemptAcquire(Request("a"));
        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var after).Should().BeTrue();
        after.Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void Shards_OnePerProcessor_OnlyWhenEachGetsEnoughPermits_AndRefillTogether()
    {
        var small = new FixedWindowRateLimiterOptions { PermitLimit = RequestLimiter<string>.MinPermitsPerShard * 2 - 1, Window = TimeSpan.FromMilliseconds(50), QueueLimit = 0, AutoReplenishment = false };
        var large = new FixedWindowRateLimiterOptions { PermitLimit = 100_000, Window = TimeSpan.FromMilliseconds(50), QueueLimit = 0, AutoReplenishment = false };
        using var one = new RequestLimiter<string>.Shards(small);
        using var many = new RequestLimiter<string>.Shards(large);

        one.Count.Should().Be(1);
        many.Count.Should().Be(Environment.ProcessorCount);
        many.IdleDuration.Should().NotBeNull("no permit is taken yet");

        var taken = 0;
        while (many.AttemptAcquire(1) is { IsAcquired: true } lease)
        {
            lease.Dispose();
            taken++;
        }

        taken.Should().Be(100_000, "a request refused by its own processor's window takes a permit from another");
        many.IdleDuration.Should().BeNull("permits are taken");
        Thread.Sleep(100);
        many.TryReplenish();
        many.IdleDuration.Should().NotBeNull("every window was refilled");
        using var again = many.AttemptAcquire(1);
        again.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public void RequestRefusedByALaterWindow_NamesWhenToRetry()
    {
        var one = new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(30), QueueLimit = 0, AutoReplenishment = false };
        using var limiter = new RequestLimiter<string>(http => [("tenant", Ten), ("client:" + http.Request.Headers["X-Who"], one)]);

        limiter.AttemptAcquire(Request("a")).IsAcquired.Should().BeTrue();
        using var refused = limiter.AttemptAcquire(Request("a"));
        limiter.AttemptAcquire(Request("b")).IsAcquired.Should().BeTrue();

        refused.IsAcquired.Should().BeFalse();
        refused.TryGetMetadata(MetadataName.RetryAfter, out var after).Should().BeTrue();
        after.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void RequestWithNoWindows_IsLetThrough()
    {
        using var limiter = new RequestLimiter<string>(_ => []);

        limiter.AttemptAcquire(Request("a")).IsAcquired.Should().BeTrue();
    }

    [Fact]
    public void KeyRememberedOnAConnection_IsUsedOnlyForThatSameKey()
    {
        using var factory = new WebAppFactory();
        factory.CreateClient().Dispose();
        var connection = new ConnectionItems();

        Tenant(factory.Services, connection, WebAppFactory.AcmeKey).Should().Be("acme");
        connection.Items.Values.Should().ContainSingle("the tenant found is kept with the connection");
        Tenant(factory.Services, connection, WebAppFactory.AcmeKey).Should().Be("acme");
        Tenant(factory.Services, connection, WebAppFactory.GlobexKey).Should().Be("globex");
        Tenant(factory.Services, connection, "acme-kez").Should().BeNull("a key of the same length is not the remembered one");
        Tenant(factory.Services, connection, WebAppFactory.AcmeKey[..^1]).Should().BeNull();
        Tenant(factory.Services, connection, WebAppFactory.GlobexKey).Should().Be("globex");
    }

    private static string? Tenant(IServiceProvider services, ConnectionItems connection, string key)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Features.Set<IConnectionItemsFeature>(connection);
        http.Request.Headers[ApiKeyMiddleware.HeaderName] = key;
        return http.KeyTenant();
    }

    private static DefaultHttpContext Request(string who)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers["X-Who"] = who;
        return http;
    }

    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
