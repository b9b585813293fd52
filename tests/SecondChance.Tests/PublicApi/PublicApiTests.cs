using PublicApiGenerator;
using SecondChance.Tests.Support;

namespace SecondChance.Tests.PublicApi;

/// <summary>
/// Any change to the public surface shows up as a diff of the approved API text. To accept a change,
/// run the tests with UPDATE_PUBLIC_API=1 and review the diff of the .approved.txt file.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_HasNotChangedWithoutReview()
    {
        var api = typeof(PlaybookEngine).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(TestCases.RepoRoot(), "tests", "SecondChance.Tests", "PublicApi", "SecondChance.approved.txt");

        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedPath, api);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != api)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.txt"), api);
        }

        api.Should().Be(approved, "the public API changed; review SecondChance.received.txt and, if intended, rerun with UPDATE_PUBLIC_API=1");
    }
}
