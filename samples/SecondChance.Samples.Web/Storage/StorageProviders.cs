using System.Data.Common;
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

    /// <summary>
    /// Returns a data source on <paramref name="store"/>'s database for the parts that share it (the reminder outbox,
    /// the intake log): Npgsql's pooled data source, or pooled SQLite connections set up like the store's own.
    /// </summary>
    /// <exception cref="ArgumentException">The store is neither of the two providers.</exception>
    internal static DbDataSource DataSourceFor(ICaseStore store) => store switch
    {
        PostgreSqlCaseStore postgres => Npgsql.NpgsqlDataSource.Create(postgres.ConnectionString),
        SqliteCaseStore sqlite => new SqliteDataSource(sqlite.ConnectionString),
        _ => throw new ArgumentException($"No data source for a {store?.GetType().Name ?? "null"} store.", nameof(store)),
    };

    /// <summary>Returns the reminder outbox of <paramref name="store"/>'s provider on <paramref name="source"/> (from <see cref="DataSourceFor"/>).</summary>
    /// <exception cref="ArgumentException">The store is neither of the two providers.</exception>
    internal static IReminderOutbox OutboxFor(ICaseStore store, DbDataSource source) => store switch
    {
        PostgreSqlCaseStore => new PostgreSqlReminderOutbox(source),
        SqliteCaseStore => new SqliteReminderOutbox(source),
        _ => throw new ArgumentException($"No reminder outbox for a {store?.GetType().Name ?? "null"} store.", nameof(store)),
    };

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
