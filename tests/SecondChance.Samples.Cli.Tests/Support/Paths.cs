namespace SecondChance.Samples.Cli.Tests.Support;

/// <summary>Finds the repository's files from the test's output folder.</summary>
public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Alex => Case("alex-middle-manager.json");

    public static string Sam => Case("sam-individual-contributor.json");

    public static string Morgan => Case("morgan-senior-executive.json");

    /// <summary>Gets the bundled NDJSON file of past cases for outcome statistics.</summary>
    public static string Outcomes => Case("outcomes.ndjson");

    /// <summary>Gets the bundled NDJSON file of job openings a board has seen.</summary>
    public static string Openings => Case("openings.ndjson");

    /// <summary>Gets a bundled file under <c>samples/notes</c>.</summary>
    public static string Note(string name) => Path.Combine(Root, "samples", "notes", name);

    /// <summary>Gets the bundled rule file that moves the follow-up to three months (for extend mode).</summary>
    public static string SampleRules => Path.Combine(Root, "samples", "rules", "quick-follow-up.json");

    public static IEnumerable<string> BundledCases => Directory.EnumerateFiles(Path.Combine(Root, "samples", "cases"), "*.json").Order(StringComparer.Ordinal);

    public static string Case(string name) => Path.Combine(Root, "samples", "cases", name);

    public static string Rules(string name) => Path.Combine(AppContext.BaseDirectory, "Rules", name);

    /// <summary>Writes <paramref name="text"/> to a new temporary file and returns its path.</summary>
    public static string TempFile(string text, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), "secondchance-cli-tests-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, text);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecondChance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SecondChance.sln not found above " + AppContext.BaseDirectory);
    }
}
