using SecondChance.Serialization;

namespace SecondChance.Tests.Support;

/// <summary>Builders for test cases.</summary>
internal static class TestCases
{
    public static LocalDate D(int y, int m, int d) => new(y, m, d);

    public static RunnerUpCase New(JobLevel level, params CaseEvent[] events) => new()
    {
        Candidate = "Alex Rivera",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = level,
        TimeZone = "America/Los_Angeles",
        Contact = new Contact("Pat Lee", "pat@contoso.example"),
        Events = events,
    };

    /// <summary>The full happy path up to the given number of events, starting on <paramref name="call"/>.</summary>
    public static CaseEvent[] HappyPath(LocalDate call) =>
    [
        new Notified(call),
        new FeedbackRecorded(call, ["has not led a team of 10 or more"]),
        new InterestReaffirmed(call),
        new NoteSent(call, NoteChannel.Email),
    ];

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecondChance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    public static RunnerUpCase Sample(string file) =>
        SecondChanceJson.ParseCase(File.ReadAllText(Path.Combine(RepoRoot(), "samples", "cases", file))).Case
        ?? throw new InvalidOperationException(file + " did not parse.");
}
