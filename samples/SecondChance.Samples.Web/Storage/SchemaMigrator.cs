using DbUp.Builder;
using DbUp.Engine;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// Brings a database to a store's newest schema with DbUp: each <see cref="StoreMigration"/> is a
/// script named by its version, applied once and recorded in DbUp's journal table, all of a start's
/// steps in one transaction.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The journal name of a step: its version, zero-padded so names sort in order.</summary>
    public static string ScriptName(StoreMigration migration) => migration.Version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Applies the steps of <paramref name="migrations"/> the database has not had yet, in one transaction of
    /// DbUp's, or with <paramref name="inTransaction"/> false inside one the caller holds on a shared connection.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database has steps this app does not know, or a step failed (nothing of that start is kept).</exception>
    public static void Upgrade(UpgradeEngineBuilder target, IEnumerable<StoreMigration> migrations, string location, bool inTransaction = true)
    {
        var engine = Engine(target, migrations, inTransaction);
        var unknown = engine.GetExecutedButNotDiscoveredScripts();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{location} has schema steps this app does not know ({string.Join(", ", unknown)}); run the newer version of the app that wrote them.");
        }

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"{location} could not be migrated: step {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    /// <summary>Records <paramref name="migrations"/> as applied without running them (for a database that already has their effect).</summary>
    public static void MarkApplied(UpgradeEngineBuilder target, IEnumerable<StoreMigration> migrations, bool inTransaction = true) =>
        Engine(target, migrations, inTransaction).MarkAsExecuted();

    private static UpgradeEngine Engine(UpgradeEngineBuilder target, IEnumerable<StoreMigration> migrations, bool inTransaction)
    {
        target
            .WithScripts(migrations.Select(m => new SqlScript(ScriptName(m), m.Script)))
            .WithVariablesDisabled() // scripts hold '$' in JSON paths, never DbUp variables
            .LogToNowhere();
        return (inTransaction ? target.WithTransaction() : target.WithoutTransaction()).Build();
    }
}
