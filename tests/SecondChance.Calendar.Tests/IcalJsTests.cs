using System.Diagnostics;
using System.Text.Json;
using NodaTime.Testing;
using SecondChance.Calendar;

namespace SecondChance.Calendar.Tests;

/// <summary>
/// Reads exported calendars back with Mozilla's ical.js (IcalJs/read.mjs), the parser of a real
/// calendar client, rather than with the library that wrote them.
/// </summary>
public class IcalJsTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 10, 17, 45, 12));
    private static readonly SemaphoreSlim Install = new(1, 1);

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static RunnerUpCase Case(string zone, params CaseEvent[] events) => new()
    {
        Candidate = "Alex Rivera",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = JobLevel.MiddleManagement,
        TimeZone = zone,
        Contact = new Contact("Pat Lee", "pat@contoso.example"),
        Events = events,
    };

    private static RunnerUpCase AfterTheCall(string zone) =>
        Case(zone, new Notified(D(2026, 3, 6)), new FeedbackRecorded(D(2026, 3, 6), ["has not led a team of 10 or more"]), new InterestReaffirmed(D(2026, 3, 6)));

    [Fact]
    public async Task ReExportAcrossADoneStep_IcalJsSeesTheCancellationAndTheHigherSequence()
    {
        var before = AfterTheCall("America/Los_Angeles");
        var after = before.With(new NoteSent(D(2026, 3, 9), NoteChannel.Email));

        var first = await ReadAsync(PlanCalendar.Export(Engine.Plan(before, D(2026, 3, 6)), Clock, caseId: "case-7"));
        var second = await ReadAsync(PlanCalendar.Export(Engine.Plan(after, D(2026, 3, 9)), Clock, caseId: "case-7"));

        var note = Event(first, "case-7-SendThankYouNote@secondchance");
        note.GetProperty("status").ValueKind.Should().Be(JsonValueKind.Null);
        note.GetProperty("sequence").GetInt32().Should().Be(6);

        var cancelled = Event(second, "case-7-SendThankYouNote@secondchance");
        cancelled.GetProperty("status").GetString().Should().Be("CANCELLED");
        cancelled.GetProperty("sequence").GetInt32().Should().Be(9);
        cancelled.GetProperty("summary").GetString().Should().StartWith("Done: Steps 5-6: ");
        cancelled.GetProperty("zone").GetString().Should().Be("America/Los_Angeles");
        cancelled.GetProperty("start").GetString().Should().Be("2026-03-09T09:00:00");
        cancelled.GetProperty("startUtc").GetString().Should().Be("2026-03-09T16:00:00.000Z"); // PDT since March 8

        var followUp = Event(second, "case-7-FollowUp@secondchance");
        followUp.GetProperty("status").ValueKind.Should().Be(JsonValueKind.Null);
        followUp.GetProperty("sequence").GetInt32().Should().Be(8).And.BeGreaterThan(Event(first, "case-7-FollowUp@secondchance").GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task ReExportsAcrossEveryKindOfTransition_IcalJsFindsEachEarlierEntryUpdatedOrCancelled()
    {
        // The call, the note, an opening that replaces the scheduled follow-up, the follow-up on it,
        // an approach that ends the wait, an offer, and the close: each file read as a client reads it.
        var history = new CaseEvent[]
        {
            new Notified(D(2026, 3, 6)),
            new FeedbackRecorded(D(2026, 3, 6), ["has not led a team of 10 or more"]),
            new NoteSent(D(2026, 3, 9), NoteChannel.Email),
            new OpeningSeen(D(2026, 4, 20), "Engineering Manager", OpeningMatch.Reopened),
            new FollowUpMade(D(2026, 4, 21), FollowUpOutcome.RoleReopened),
            new Approached(D(2026, 4, 28)),
            new OfferReceived(D(2026, 5, 4)),
            new Closed(D(2026, 5, 8), CloseReason.Hired),
        };

        JsonElement? before = null;
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var n = 1; n <= history.Length; n++)
        {
            var @case = Case("America/Los_Angeles", history[..n]);
            var read = await ReadAsync(PlanCalendar.Export(Engine.Plan(@case, history[n - 1].On), Clock, caseId: "case-5"));
            var events = read.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("uid").GetString()!, StringComparer.Ordinal);
            if (before is { } earlier)
            {
                foreach (var old in earlier.GetProperty("events").EnumerateArray())
                {
                    var uid = old.GetProperty("uid").GetString()!;
                    events.Should().ContainKey(uid, $"after {history[n - 1].Type} the entry is still in the file");
                    events[uid].GetProperty("sequence").GetInt32().Should().BeGreaterThan(old.GetProperty("sequence").GetInt32(), uid);
                }
            }

            foreach (var (uid, e) in events)
            {
                seen[uid] = e.GetProperty("status").ValueKind == JsonValueKind.Null ? null : e.GetProperty("status").GetString();
            }

            before = read;
        }

        // After the close nothing is upcoming: every entry ever written is cancelled.
        seen.Should().NotBeEmpty().And.OnlyContain(kv => kv.Value == "CANCELLED");
        seen.Keys.Should().Contain(["case-5-FollowUp@secondchance", "case-5-FollowUpOnOpening@secondchance", "case-5-AwaitApproach@secondchance", "case-5-RespondToApproach@secondchance", "case-5-NegotiateOffer@secondchance"]);
        var last = before!.Value.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "case-5-AwaitApproach@secondchance");
        last.GetProperty("summary").GetString().Should().StartWith("Done: Step 9: Give them time to come back to you", "hired, every step counts as done");
        last.GetProperty("sequence").GetInt32().Should().Be(17);
        last.GetProperty("zone").GetString().Should().Be("America/Los_Angeles");
    }

    [Fact]
    public async Task ZonedCase_IcalJsResolvesTheLocalTimeThroughTheFilesVTimeZone()
    {
        var @case = AfterTheCall("America/Los_Angeles").With(new NoteSent(D(2026, 3, 6), NoteChannel.Email));

        var read = await ReadAsync(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, caseId: "case-8"));

        read.GetProperty("prodid").GetString().Should().Be(PlanCalendar.ProductId);
        read.GetProperty("version").GetString().Should().Be("2.0");
        read.GetProperty("zones").EnumerateArray().Select(z => z.GetString()).Should().Equal("America/Los_Angeles");
        var followUp = Event(read, "case-8-FollowUp@secondchance");
        followUp.GetProperty("tzid").GetString().Should().Be("America/Los_Angeles");
        followUp.GetProperty("start").GetString().Should().Be("2026-08-06T09:00:00");
        followUp.GetProperty("startUtc").GetString().Should().Be("2026-08-06T16:00:00.000Z");
        var window = Event(read, "case-8-FollowUp-window@secondchance");
        window.GetProperty("isDate").GetBoolean().Should().BeTrue();
        window.GetProperty("start").GetString().Should().Be("2026-07-23");
    }

    [Fact]
    public async Task UtcCase_IcalJsReadsUtcTimes()
    {
        var @case = AfterTheCall("UTC").With(new NoteSent(D(2026, 3, 6), NoteChannel.Email));

        var read = await ReadAsync(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, caseId: "case-9"));

        var followUp = Event(read, "case-9-FollowUp@secondchance");
        followUp.GetProperty("zone").GetString().Should().Be("UTC");
        followUp.GetProperty("startUtc").GetString().Should().Be("2026-08-06T09:00:00.000Z");
    }

    private static JsonElement Event(JsonElement calendar, string uid) =>
        calendar.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == uid);

    private static async Task<JsonElement> ReadAsync(string ics)
    {
        var dir = ScriptDirectory();
        await EnsureInstalledAsync(dir);
        var file = Path.Combine(Path.GetTempPath(), $"secondchance-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var (code, stdout, stderr) = await RunAsync("node", dir, "read.mjs", file);
            code.Should().Be(0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    // ical.js is pinned by package-lock.json; `npm ci` installs exactly that, once per checkout.
    private static async Task EnsureInstalledAsync(string dir)
    {
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(dir, "node_modules", "ical.js", "package.json")))
            {
                var (code, _, stderr) = await RunAsync("npm", dir, "ci", "--no-audit", "--no-fund");
                code.Should().Be(0, "npm ci must install ical.js: " + stderr);
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, string dir, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    // The project's IcalJs folder, found from the test binaries upwards (bin/Release/net10.0 sits inside the project).
    private static string ScriptDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "IcalJs");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("IcalJs/package-lock.json not found above " + AppContext.BaseDirectory);
    }
}
