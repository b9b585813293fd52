using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SecondChance;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SecondChance with a <see cref="IServiceCollection"/>.</summary>
public static class SecondChanceServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="PlaybookEngine"/> built from options you configure, and the system
    /// clock as <see cref="IClock"/> unless a clock is already registered.
    /// </summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="configure">Changes to the default <see cref="PlaybookOptions"/>, such as level profiles or holidays.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSecondChance(this IServiceCollection services, Action<PlaybookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton(_ =>
        {
            var options = new PlaybookOptions();
            configure?.Invoke(options);
            return new PlaybookEngine(options);
        });
        return services;
    }
}
