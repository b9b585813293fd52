using SecondChance.Samples.Web.Api;

namespace SecondChance.Samples.Web.Storage;

/// <summary>Registers the store named by <c>Storage:Provider</c>: <c>Sqlite</c> (the default, a file) or <c>PostgreSql</c> (a server).</summary>
public static class StorageProviders
{
    /// <summary>The configuration key that names the provider.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>Adds <see cref="ICaseStore"/>, chosen from configuration when it is first needed (at start).</summary>
    public static IServiceCollection AddCaseStore(this IServiceCollection services)
    {
        services.AddSingleton<SqliteCaseStore>();
        services.AddSingleton<PostgreSqlCaseStore>();
        services.AddSingleton<ICaseStore>(sp => IsPostgreSql(sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<PostgreSqlCaseStore>()
            : sp.GetRequiredService<SqliteCaseStore>());
        services.AddExceptionHandler<StoreUnavailableHandler>();
        return services;
    }

    /// <summary>Returns whether configuration chooses PostgreSQL.</summary>
    /// <exception cref="InvalidOperationException">The provider is neither Sqlite nor PostgreSql.</exception>
    public static bool IsPostgreSql(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use Sqlite (the default) or PostgreSql.");
    }
}
