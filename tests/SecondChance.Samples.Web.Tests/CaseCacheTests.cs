using Microsoft.Extensions.Options;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public sealed class CaseCacheTests
{
    [Fact]
    public void Budget_BelowOneMiB_IsRefused_NamingTheSetting()
    {
        FluentActions.Invoking(() => new CaseCache(Options.Create(new StorageOptions { CaseCacheMiB = 0 })))
            .Should().Throw<InvalidOperationException>().WithMessage("*Storage:CaseCacheMiB*at least 1*");
    }

    [Fact]
    public void Budget_BelowOneMiB_StopsTheAppAtStart()
    {
        using var factory = new WebAppFactory(null, new Dictionary<string, string?> { ["Storage:CaseCacheMiB"] = "0" });

        FluentActions.Invoking(() => factory.CreateClient()).Should().Throw<Exception>()
            .Where(e => e.ToString().Contains("Storage:CaseCacheMiB must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_BoundsWhatStaysCached_AndEveryCaseStillLoads()
    {
        using var cache = new CaseCache(Options.Create(new StorageOptions { CaseCacheMiB = 1 }));
        var stored = Enumerable.Range(0, 600).Select(n => new StoredCase($"c{n}", Document(n), 1)).ToList();

        var loaded = stored.Select(s => cache.Load("acme", s)).ToList();

        cache.MaxBytes.Should().Be(1024 * 1024);
        loaded.Select(c => c.Candidate).Should().Equal(Enumerable.Range(0, 600).Select(n => $"Candidate {n}"));
        var kept = stored.Where(s => cache.Held("acme", s.Id) is not null).ToList();
        kept.Should().NotBeEmpty().And.HaveCountLessThan(600, "600 entries of about 2.5 KB are more than 1 MiB");
        kept.Sum(s => CaseCache.EntryBytes(s.Document.Length)).Should().BeLessThanOrEqualTo(cache.MaxBytes);
        stored.Select(s => cache.Load("acme", s).Candidate).Should().Equal(loaded.Select(c => c.Candidate), "a case that fell out is parsed again");
    }

    private static string Document(int n) =>
        $$"""{"candidate":"Candidate {{n}}","company":"Contoso","role":"Engineer","level":"MiddleManagement","timeZone":"UTC","events":[{"type":"Notified","on":"2026-03-02"}]}""";
}
