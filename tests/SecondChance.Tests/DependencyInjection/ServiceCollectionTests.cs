using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace SecondChance.Tests.DependencyInjection;

public class ServiceCollectionTests
{
    [Fact]
    public void AddSecondChance_RegistersSingletonEngineAndSystemClock()
    {
        using var provider = new ServiceCollection().AddSecondChance().BuildServiceProvider();

        provider.GetRequiredService<PlaybookEngine>().Should().BeSameAs(provider.GetRequiredService<PlaybookEngine>());
        provider.GetRequiredService<IClock>().Should().BeSameAs(SystemClock.Instance);
    }

    [Fact]
    public void AddSecondChance_AppliesOptionsAndKeepsARegisteredClock()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 12, 0));
        var services = new ServiceCollection().AddSingleton<IClock>(clock);

        using var provider = services.AddSecondChance(o => o.Levels[JobLevel.MiddleManagement] = new LevelProfile(3, 10, 0.3)).BuildServiceProvider();

        provider.GetRequiredService<IClock>().Should().BeSameAs(clock);
        provider.GetRequiredService<PlaybookEngine>().Levels[JobLevel.MiddleManagement].FollowUpAfterMonths.Should().Be(3);
    }

    [Fact]
    public void Engine_RejectsOutOfRangeProfiles()
    {
        var options = new PlaybookOptions();
        options.Levels[JobLevel.MiddleManagement] = new LevelProfile(0, 10, 0.3);

        FluentActions.Invoking(() => new PlaybookEngine(options)).Should().Throw<ArgumentException>().WithMessage("*MiddleManagement*FollowUpAfterMonths*");
    }

    [Fact]
    public void Engine_IsThreadSafe()
    {
        var engine = new PlaybookEngine();
        var c = SecondChance.Tests.Support.TestCases.Sample("alex-middle-manager.json");
        var results = new System.Collections.Concurrent.ConcurrentBag<LocalDate?>();

        Parallel.For(0, 2000, _ => results.Add(engine.Decide(c, new LocalDate(2026, 3, 10)).Next.DueOn));

        results.Should().HaveCount(2000).And.OnlyContain(d => d == new LocalDate(2026, 8, 6));
    }
}
