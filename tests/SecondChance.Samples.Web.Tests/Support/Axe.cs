using Microsoft.Playwright;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>
/// Runs axe-core in the page and lists its WCAG 2.2 AA violations. axe-core comes from npm, pinned by
/// <c>tests/SecondChance.Samples.Web.Tests/Axe/package-lock.json</c>; <c>./test.sh</c> runs <c>npm ci</c>
/// there when it is missing.
/// </summary>
internal static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var script = FindScript();
        File.Exists(script).Should().BeTrue($"axe-core is installed by ./test.sh (npm ci --prefix {Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(script)))})");
        await page.EvaluateAsync(await File.ReadAllTextAsync(script));
        return await page.EvaluateAsync<string[]>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
              return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
            }
            """,
            Tags);
    }

    private static string FindScript()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecondChance.sln")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        return Path.Combine(root, "tests", "SecondChance.Samples.Web.Tests", "Axe", "node_modules", "axe-core", "axe.min.js");
    }
}
