using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Tests;

public class StoreTests
{
    [Fact]
    public async Task WriterHeldOnOneCase_WritesToOtherCasesGoThrough()
    {
        using var factory = new WebAppFactory();
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var held = await client.CreateCase();
        var others = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            others.Add(await client.CreateCase());
        }

        var store = factory.Services.GetRequiredService<ICaseStore>();
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var holding = Task.Run(() => store.AppendAsync(new AppendRequest("acme", held, null, new byte[16]), _ =>
        {
            entered.Release();
            release.Wait();
            return AppendStep.Reject([new CaseError("$", "held on purpose")]);
        }, CancellationToken.None));
        (await entered.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();

        // While the held case's writer sits between reading and writing, other cases are written.
        var responses = await Task.WhenAll(others.Select(id =>
            client.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""")));
        var queued = client.PostEvent(held, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""");
        var queuedFirst = await Task.WhenAny(queued, Task.Delay(200));
        release.Release();

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        queuedFirst.Should().NotBeSameAs(queued, "a second writer of the held case waits for the first");
        (await holding).Outcome.Should().Be(AppendOutcome.Rejected);
        (await queued).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetCase(held)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task ManyWritersOnManyCases_EveryAnswerIsStoredOnce()
    {
        using var factory = new WebAppFactory();
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await client.CreateCase(ApiCalls.JustNotified("Sam " + i, "Fabrikam", "2026-03-09")));
        }

        var posts = ids.SelectMany(id => Enumerable.Range(0, 5).Select(n => (id, n))).ToList();
        var responses = await Task.WhenAll(posts.Select(p =>
            client.PostEvent(p.id, $$"""{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": ["{{p.id}}-{{p.n}}"] }""", $"{p.id}-{p.n}")));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var id in ids)
        {
            var gaps = (await client.GetCase(id)).GetProperty("case").GetProperty("events").EnumerateArray()
                .Skip(1).Select(e => e.GetProperty("gaps")[0].GetString()).ToList();
            gaps.Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(n => $"{id}-{n}"));
        }
    }

    [Fact]
    public async Task VersionOneDatabase_IsMigrated_CasesKept()
    {
        var directory = TempDirectory.Create();
        try
        {
            var file = Path.Combine(directory, "cases.db");
            await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteCaseStore.Migrations[0].Script + """
                    PRAGMA user_version = 1;
                    INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules)
                    VALUES ('acme', 'old-case', 3, $document, 'Alex Rivera', 'Contoso', '2026-08-06', 'old-rules');
                    INSERT INTO idempotency_keys VALUES ('acme', 'old-case', 'k', 'hash', '{}');
                    """;
                command.Parameters.AddWithValue("$document", System.Text.Json.JsonDocument.Parse(ApiCalls.AlexCase).RootElement.GetRawText());
                await command.ExecuteNonQueryAsync();
            }

            using var factory = new WebAppFactory(directory);
            var client = factory.ClientFor(WebAppFactory.AcmeKey);
            var stored = await client.GetCase("old-case");
            using var posted = await client.PostEvent("old-case", """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""", "k");
            var agenda = await (await client.GetAsync("/api/agenda?on=2026-04-01")).ReadJson();

            stored.GetProperty("case").GetProperty("candidate").GetString().Should().Be("Alex Rivera");
            posted.StatusCode.Should().Be(HttpStatusCode.OK);
            posted.Headers.Contains("Idempotent-Replayed").Should().BeFalse("keys of the old format are not carried over");
            agenda.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(["old-case"], "after the follow-up, waiting for an approach is due 2026-04-01");
            (await Database.Scalar(directory, "SELECT time_zone FROM cases WHERE id = 'old-case';")).Should().Be("America/Los_Angeles");
            (await Database.Scalar(directory, "PRAGMA user_version;")).Should().Be((long)SqliteCaseStore.SchemaVersion);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task StatsAfterARestart_SameAsBefore()
    {
        var directory = TempDirectory.Create();
        try
        {
            string before;
            using (var first = new WebAppFactory(directory))
            {
                var client = first.ClientFor(WebAppFactory.AcmeKey);
                var id = await client.CreateCase();
                await client.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09"));
                (await client.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""")).EnsureSuccessStatusCode();
                (await client.PostEvent(id, """{ "type": "Closed", "on": "2026-03-10", "reason": "Hired" }""")).EnsureSuccessStatusCode();
                before = await client.GetStringAsync("/api/stats");
            }

            using var second = new WebAppFactory(directory);
            var after = await second.ClientFor(WebAppFactory.AcmeKey).GetStringAsync("/api/stats");

            after.Should().Be(before);
            before.Should().Contain("\"cases\":2");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
