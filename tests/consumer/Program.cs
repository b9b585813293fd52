// A consumer of the packed SecondChance package: checks the package's contents, then uses it the
// way an application would. Exit code 0 when everything holds, 1 with the failures otherwise.
using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SecondChance;
using SecondChance.Cases;
using SecondChance.Rules;

var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    if (!ok)
    {
        failures.Add(what);
    }
}

var packages = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Consumer <packages folder> <version>");
var version = args[1];
var nupkg = Path.Combine(packages, $"SecondChance.{version}.nupkg");
var snupkg = Path.Combine(packages, $"SecondChance.{version}.snupkg");
Check(File.Exists(nupkg), $"{Path.GetFileName(nupkg)} exists");
Check(File.Exists(snupkg), $"{Path.GetFileName(snupkg)} exists");

using (var zip = ZipFile.OpenRead(nupkg))
{
    var names = zip.Entries.Select(e => e.FullName).ToHashSet();
    Check(names.Contains("PACKAGE.md"), "package readme is packed");
    Check(names.Contains("lib/net10.0/SecondChance.dll"), "library is packed for net10.0");
    Check(names.Contains("lib/net10.0/SecondChance.xml"), "XML documentation is packed");

    using var nuspecStream = zip.GetEntry("SecondChance.nuspec")!.Open();
    var nuspec = XDocument.Load(nuspecStream);
    XNamespace ns = nuspec.Root!.Name.Namespace;
    var meta = nuspec.Root.Element(ns + "metadata")!;
    string? Field(string name) => meta.Element(ns + name)?.Value;
    Check(Field("license") == "MIT", "licence expression is MIT");
    Check(!string.IsNullOrWhiteSpace(Field("description")), "description is set");
    Check(Field("tags")?.Contains("rules", StringComparison.Ordinal) == true, "tags are set");
    Check(!string.IsNullOrWhiteSpace(Field("authors")), "authors are set");
    Check(!string.IsNullOrWhiteSpace(Field("projectUrl")), "project URL is set");
    Check(!string.IsNullOrWhiteSpace(Field("releaseNotes")), "release notes are set");
    Check(Field("readme") == "PACKAGE.md", "readme is declared");
    var repository = meta.Element(ns + "repository");
    Check(repository?.Attribute("url") is not null && repository.Attribute("commit") is not null, "repository URL and commit are recorded (SourceLink)");
    var dependencies = meta.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal).ToArray();
    Check(
        dependencies.SequenceEqual(["FluentValidation", "FuzzySharp", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Options", "NodaTime", "NodaTime.Serialization.SystemTextJson", "RulesEngine"]),
        "dependencies are exactly the ones the library uses: " + string.Join(", ", dependencies));
}

using (var zip = ZipFile.OpenRead(snupkg))
{
    Check(zip.Entries.Any(e => e.FullName == "lib/net10.0/SecondChance.pdb"), "symbols package holds the PDB");
}

// Use it like an application would.
using var provider = new ServiceCollection()
    .AddSingleton<IClock>(new FakeNow(Instant.FromUtc(2026, 3, 10, 17, 0)))
    .AddSecondChance(options => options.Holidays.Add(new LocalDate(2026, 8, 6)))
    .BuildServiceProvider();
var engine = provider.GetRequiredService<PlaybookEngine>();
var clock = provider.GetRequiredService<IClock>();
var runnerUp = new RunnerUpCase
{
    Candidate = "Alex Rivera",
    Company = "Contoso",
    Role = "Engineering Manager",
    Level = JobLevel.MiddleManagement,
    TimeZone = "America/Los_Angeles",
    Events =
    [
        new Notified(new LocalDate(2026, 3, 6)),
        new FeedbackRecorded(new LocalDate(2026, 3, 6), ["has not led a team of 10 or more"]),
        new InterestReaffirmed(new LocalDate(2026, 3, 6)),
        new NoteSent(new LocalDate(2026, 3, 6), NoteChannel.Email),
    ],
};
var decision = engine.Decide(runnerUp, clock);
Check(decision.IsValid, "the case is valid");
Check(decision.Next.Action == PlaybookAction.FollowUp && decision.Next.Step == 7, $"the next action is the follow-up (got {decision.Next.Action})");
Check(decision.Next.DueOn == new LocalDate(2026, 8, 7), $"due the day after the Aug 6 holiday (got {decision.Next.DueOn})");
Check(PlaybookRuleSet.DefaultWorkflowJson.Contains("\"WorkflowName\"", StringComparison.Ordinal), "the default workflow is embedded");
Check(!engine.Decide(runnerUp with { Level = new JobLevel("Astronaut") }, clock).IsValid, "an unknown level is reported, not thrown");

Console.WriteLine(failures.Count == 0 ? "consumer check passed" : $"consumer check failed: {failures.Count} problem(s)");
return failures.Count == 0 ? 0 : 1;

/// <summary>A fixed clock, so the check does not depend on the day it runs.</summary>
internal sealed class FakeNow(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
