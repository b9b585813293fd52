using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using SecondChance;
using SecondChance.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecondChance with a <see cref="IServiceCollection"/>.</summary>
public static class SecondChanceServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddSecondChance(IServiceCollection, IConfiguration, Action{PlaybookOptions}?)"/> reads when given a whole configuration.</summary>
    public const string SectionName = "SecondChance";

    /// <summary>
    /// Adds a singleton <see cref="PlaybookEngine"/> built from the final <see cref="PlaybookOptions"/>
    /// (<see cref="IOptions{TOptions}"/>), and the system clock as <see cref="IClock"/> unless a clock is
    /// already registered. Every call's <paramref name="configure"/> runs, in order, followed by any
    /// <c>PostConfigure&lt;PlaybookOptions&gt;</c>; the options are checked when the host starts.
    /// </summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="configure">Changes to the default <see cref="PlaybookOptions"/>, such as level profiles or holidays.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSecondChance(this IServiceCollection services, Action<PlaybookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        var options = services.AddOptions<PlaybookOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaybookOptions>, PlaybookOptionsValidator>());
        services.TryAddSingleton(sp => new PlaybookEngine(sp.GetRequiredService<IOptions<PlaybookOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Adds SecondChance as <see cref="AddSecondChance(IServiceCollection, Action{PlaybookOptions}?)"/> does,
    /// first binding the options from <paramref name="configuration"/>: a section as it is, or the
    /// <c>SecondChance</c> section of a whole configuration. The section may hold <c>Levels:{name}</c> with
    /// <c>FollowUpAfterMonths</c>, <c>WaitAfterFollowUpDays</c> and <c>PriorOdds</c>, <c>BusinessDays</c>
    /// (day names) and <c>Holidays</c> (dates as yyyy-MM-dd); a bad value fails the start with its key.
    /// </summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="configuration">The host's configuration, or the section to read. It is read when the options are first needed, so sources added later count.</param>
    /// <param name="configure">Further changes, applied after the configuration.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSecondChance(this IServiceCollection services, IConfiguration configuration, Action<PlaybookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration as IConfigurationSection ?? configuration.GetSection(SectionName);
        services.AddOptions<PlaybookOptions>().Configure(o => PlaybookOptionsBinder.Bind(section, o));
        return services.AddSecondChance(configure);
    }
}
