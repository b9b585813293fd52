using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    public void AddSecondChance_CalledTwice_AppliesBothConfigurations()
    {
        var christmas = new LocalDate(2026, 12, 25);
        using var provider = new ServiceCollection()
            .AddSecondChance(o => o.Levels[JobLevel.MiddleManagement] = new LevelProfile(3, 10, 0.3))
            .AddSecondChance(o => o.Holidays.Add(christmas))
            .BuildServiceProvider();

        var engine = provider.GetRequiredService<PlaybookEngine>();
        engine.Levels[JobLevel.MiddleManagement].FollowUpAfterMonths.Should().Be(3, "the first call's change survives");
        engine.Calendar.IsBusinessDay(christmas).Should().BeFalse("the second call's change is applied too");
        provider.GetRequiredService<IOptions<PlaybookOptions>>().Value.Holidays.Should().Contain(christmas);
    }

    [Fact]
    public void PostConfigure_RunsAfterEveryAddSecondChanceCall()
    {
        using var provider = new ServiceCollection()
            .PostConfigure<PlaybookOptions>(o => o.Levels[JobLevel.SeniorExecutive] = o.Levels[JobLevel.SeniorExecutive] with { FollowUpAfterMonths = 9 })
            .AddSecondChance(o => o.Levels[JobLevel.SeniorExecutive] = new LevelProfile(7, 28, 0.15))
            .BuildServiceProvider();

        provider.GetRequiredService<PlaybookEngine>().Levels[JobLevel.SeniorExecutive].Should().Be(new LevelProfile(9, 28, 0.15));
    }

    [Fact]
    public void AddSecondChance_WithConfiguration_BindsTheSecondChanceSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecondChance:Levels:MiddleManagement:FollowUpAfterMonths"] = "3",
            ["SecondChance:Levels:Contractor:FollowUpAfterMonths"] = "2",
            ["SecondChance:Levels:Contractor:WaitAfterFollowUpDays"] = "7",
            ["SecondChance:Levels:Contractor:PriorOdds"] = "0.1",
            ["SecondChance:Holidays:0"] = "2026-12-25",
            ["SecondChance:Holidays:1"] = "2026-12-28",
            ["SecondChance:BusinessDays:0"] = "Monday",
            ["SecondChance:BusinessDays:1"] = "Tuesday",
        }).Build();

        using var provider = new ServiceCollection().AddSecondChance(configuration).BuildServiceProvider();
        var engine = provider.GetRequiredService<PlaybookEngine>();

        engine.Levels[JobLevel.MiddleManagement].Should().Be(new LevelProfile(3, 21, 0.30), "unset values keep the default profile's");
        engine.Levels[new JobLevel("Contractor")].Should().Be(new LevelProfile(2, 7, 0.1));
        engine.Calendar.IsBusinessDay(new LocalDate(2026, 12, 28)).Should().BeFalse("a Monday that is a holiday");
        engine.Calendar.IsBusinessDay(new LocalDate(2026, 12, 29)).Should().BeTrue("a Tuesday");
        engine.Calendar.IsBusinessDay(new LocalDate(2026, 12, 30)).Should().BeFalse("Wednesday is no longer a business day");
    }

    [Theory]
    [InlineData("SecondChance:Holidays:0", "Christmas", "SecondChance:Holidays:0: 'Christmas' is not a date")]
    [InlineData("SecondChance:Levels:MiddleManagement:FollowUpAfterMonths", "0", "SecondChance:Levels:MiddleManagement:FollowUpAfterMonths: FollowUpAfterMonths must be from 1 to 60 (was 0).")]
    [InlineData("SecondChance:Levels:MiddleManagement:PriorOdds", "high", "SecondChance:Levels:MiddleManagement:PriorOdds: 'high' is not a number.")]
    [InlineData("SecondChance:Levels:Contractor:PriorOdds", "0.2", "SecondChance:Levels:Contractor:FollowUpAfterMonths: is required")]
    [InlineData("SecondChance:BusinessDays:0", "Caturday", "SecondChance:BusinessDays:0: 'Caturday' is not a day of the week")]
    public void AddSecondChance_BadConfigurationValue_StopsTheStartNamingItsKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddSecondChance(configuration).BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\u200B", "Levels:\\u200B: the level's name must hold visible characters")]
    [InlineData("\u2060\u00AD", "Levels:\\u2060\\u00AD: the level's name must hold visible characters")]
    public void AddSecondChance_LevelNamedOnlyWithInvisibleCharacters_StopsTheStart_ShowingTheNameAsEscapes(string name, string message)
    {
        using var provider = new ServiceCollection().AddSecondChance(o => o.Levels[new JobLevel(name)] = new LevelProfile(2, 7, 0.1)).BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AddSecondChance_NoBusinessDay_StopsTheStart()
    {
        using var provider = new ServiceCollection().AddSecondChance(o => o.BusinessDays.Clear()).BuildServiceProvider();

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().WithMessage("*BusinessDays*at least one*");
    }

    [Theory]
    [InlineData(0, 10, 0.3, "FollowUpAfterMonths")]
    [InlineData(61, 10, 0.3, "FollowUpAfterMonths")]
    [InlineData(5, -1, 0.3, "WaitAfterFollowUpDays")]
    [InlineData(5, 366, 0.3, "WaitAfterFollowUpDays")]
    [InlineData(5, 10, 1.5, "PriorOdds")]
    [InlineData(5, 10, double.NaN, "PriorOdds")]
    public void LevelProfile_OutOfRange_ThrowsWhenMade(int months, int days, double odds, string field)
    {
        var make = () => new LevelProfile(months, days, odds);
        var change = () => LevelProfile.MiddleManagement with { FollowUpAfterMonths = months, WaitAfterFollowUpDays = days, PriorOdds = odds };

        make.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(field);
        change.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(field);
    }

    [Fact]
    public void WithRuleSet_KeepsLevelsBusinessDaysAndHolidays()
    {
        var christmas = new LocalDate(2026, 12, 25);
        var options = new PlaybookOptions();
        options.Holidays.Add(christmas);
        options.Levels[new JobLevel("Contractor")] = new LevelProfile(2, 7, 0.1);
        var engine = new PlaybookEngine(options);
        var rules = PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson.Replace("\"RuleName\": \"FollowUp\"", "\"RuleName\": \"FollowUpLater\"", StringComparison.Ordinal)).GetRuleSetOrThrow();

        var tenant = engine.WithRuleSet(rules);

        tenant.RuleSet.Should().BeSameAs(rules);
        tenant.Calendar.IsBusinessDay(christmas).Should().BeFalse();
        tenant.Levels.Should().BeEquivalentTo(engine.Levels);
        engine.RuleSet.Should().BeSameAs(PlaybookRuleSet.Default, "the original engine is unchanged");
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
