using System.Security.Cryptography;
using System.Text;
using SecondChance.Rules;

namespace SecondChance.Samples.Web.Tenancy;

/// <summary>
/// The tenants this host serves, read from configuration: <c>Tenants:{name}</c> is the tenant's API
/// key and <c>RuleSets:{name}</c> optionally names a workflow file that replaces the default rules for
/// that tenant. Built once at start; every rule set is checked then, so a bad file stops the host
/// instead of failing a request later.
/// </summary>
public sealed class TenantDirectory
{
    private readonly (string Name, byte[] Key)[] _keys;
    private readonly Dictionary<string, TenantEngine> _engines;
    private readonly TenantEngine _default;

    public TenantDirectory(IConfiguration configuration, IHostEnvironment environment, PlaybookEngine defaultEngine)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(defaultEngine);

        var problems = new List<string>();
        var keys = new List<(string, byte[])>();
        foreach (var tenant in configuration.GetSection("Tenants").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(tenant.Value))
            {
                problems.Add($"Tenants:{tenant.Key}: the API key is empty");
                continue;
            }

            keys.Add((tenant.Key, Encoding.UTF8.GetBytes(tenant.Value)));
        }

        _default = new TenantEngine(defaultEngine, Fingerprint(defaultEngine), null);
        _engines = new Dictionary<string, TenantEngine>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection("RuleSets").GetChildren())
        {
            if (!keys.Exists(k => string.Equals(k.Item1, entry.Key, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"RuleSets:{entry.Key}: there is no tenant '{entry.Key}' under Tenants");
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                problems.Add($"RuleSets:{entry.Key}: the workflow file path is empty");
                continue;
            }

            var path = Path.GetFullPath(entry.Value, environment.ContentRootPath);
            var loaded = PlaybookRuleSet.LoadFile(path);
            if (!loaded.Succeeded)
            {
                problems.AddRange(loaded.Errors.Select(p => $"RuleSets:{entry.Key} ({path}): {p}"));
                continue;
            }

            var engine = defaultEngine.WithRuleSet(loaded.RuleSet!);
            _engines[entry.Key] = new TenantEngine(engine, Fingerprint(engine), path);
        }

        if (problems.Count > 0)
        {
            throw new TenantConfigurationException(problems);
        }

        _keys = keys.ToArray();
    }

    /// <summary>Gets the names of the configured tenants.</summary>
    public IEnumerable<string> Tenants => _keys.Select(k => k.Name);

    /// <summary>Finds the tenant whose key this is, comparing in constant time; <see langword="null"/> for no match.</summary>
    public string? FindByKey(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var given = Encoding.UTF8.GetBytes(apiKey);
        string? found = null;
        foreach (var (name, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(given, key))
            {
                found ??= name;
            }
        }

        return found;
    }

    /// <summary>Returns the engine that decides for <paramref name="tenant"/>: its own rule set, or the default.</summary>
    public TenantEngine For(string tenant) => _engines.GetValueOrDefault(tenant, _default);

    // Identifies the rules and level profiles an engine decides with, so stored due dates can be
    // recomputed when a tenant's rules change between runs.
    private static string Fingerprint(PlaybookEngine engine)
    {
        var text = new StringBuilder(engine.RuleSet.Json);
        foreach (var (level, profile) in engine.Levels.OrderBy(l => l.Key.Name, StringComparer.Ordinal))
        {
            text.Append('\n').Append(level.Name).Append('=').Append(profile);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
