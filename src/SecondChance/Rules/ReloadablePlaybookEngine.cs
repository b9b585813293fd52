namespace SecondChance.Rules;

/// <summary>
/// Holds the engine in service and swaps in a new rule set only when it loads cleanly: a rule set
/// that fails to load never replaces the one serving, so a host can reload at run time and keep
/// serving the last good rules. Thread-safe; readers never block.
/// </summary>
public sealed class ReloadablePlaybookEngine
{
    private readonly PlaybookOptions _options;
    private readonly Lock _reloadLock = new();
    private volatile PlaybookEngine _current;

    /// <summary>Creates the holder, serving an engine built from <paramref name="options"/>.</summary>
    /// <param name="options">Levels, calendar and the initial rule set; a snapshot is taken.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public ReloadablePlaybookEngine(PlaybookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = Snapshot(options, options.RuleSet);
        _current = new PlaybookEngine(_options);
    }

    /// <summary>Gets the engine in service. Take it once per unit of work so one request sees one rule set.</summary>
    public PlaybookEngine Current => _current;

    /// <summary>Loads a workflow and, only if it loads without errors, puts it in service.</summary>
    /// <param name="json">The workflow JSON.</param>
    /// <param name="mode">Whether it replaces or extends the default rules.</param>
    /// <returns>The load result; when it did not succeed, the engine in service is unchanged.</returns>
    public RuleSetLoadResult TryReload(string json, RuleSetMode? mode = null) => Swap(PlaybookRuleSet.Load(json, mode));

    /// <summary>Loads a workflow file and, only if it loads without errors, puts it in service.</summary>
    /// <param name="path">The workflow file.</param>
    /// <param name="mode">Whether it replaces or extends the default rules.</param>
    /// <returns>The load result; when it did not succeed, the engine in service is unchanged.</returns>
    public RuleSetLoadResult TryReloadFile(string path, RuleSetMode? mode = null) => Swap(PlaybookRuleSet.LoadFile(path, mode));

    private RuleSetLoadResult Swap(RuleSetLoadResult result)
    {
        if (result.RuleSet is { } ruleSet)
        {
            lock (_reloadLock)
            {
                _current = new PlaybookEngine(Snapshot(_options, ruleSet));
            }
        }

        return result;
    }

    private static PlaybookOptions Snapshot(PlaybookOptions source, PlaybookRuleSet ruleSet)
    {
        var copy = new PlaybookOptions { RuleSet = ruleSet };
        copy.Levels.Clear();
        foreach (var (level, profile) in source.Levels)
        {
            copy.Levels[level] = profile;
        }

        copy.BusinessDays.Clear();
        copy.BusinessDays.UnionWith(source.BusinessDays);
        copy.Holidays.UnionWith(source.Holidays);
        return copy;
    }
}
