using System.Net;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class ConcurrencyTests : IClassFixture<WebAppFactory>
{
    private readonly WebAppFactory _factory;

    public ConcurrencyTests(WebAppFactory factory) => _factory = factory;

    [Fact]
    public async Task TwentyParallelPosts_EverySuccessIsInTheHistory_OthersAre409()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
            acme.PostEvent(id, $$"""{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": ["gap {{n}}"] }""")));

        var succeeded = Enumerable.Range(0, 20).Where(n => responses[n].IsSuccessStatusCode).ToList();
        responses.Where(r => !r.IsSuccessStatusCode).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Conflict);
        succeeded.Should().NotBeEmpty();
        var events = (await acme.GetCase(id)).GetProperty("case").GetProperty("events").EnumerateArray().ToList();
        events.Should().HaveCount(4 + succeeded.Count);
        var gaps = events.Skip(4).Select(e => e.GetProperty("gaps")[0].GetString()).ToList();
        gaps.Should().BeEquivalentTo(succeeded.Select(n => $"gap {n}"));
        events.Select(e => e.GetProperty("on").GetString()).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task ParallelPostsWithDifferentDates_HistoryStaysInDateOrder()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase();

        var responses = await Task.WhenAll(new[] { "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10" }.Select(on =>
            acme.PostEvent(id, $$"""{ "type": "FollowUpMade", "on": "{{on}}", "outcome": "NoChange" }""")));

        responses.Should().OnlyContain(r => r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.Conflict);
        var events = (await acme.GetCase(id)).GetProperty("case").GetProperty("events").EnumerateArray().ToList();
        events.Should().HaveCount(4 + responses.Count(r => r.IsSuccessStatusCode));
        events.Select(e => e.GetProperty("on").GetString()).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public Task TwoHostsOnOneFile_ParallelPosts_NoSilentOverwrite() => OnTwoHosts(async (a, b) =>
    {
        var id = await a.CreateCase();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
            (n % 2 == 0 ? a : b).PostEvent(id, $$"""{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": ["gap {{n}}"] }""")));

        var succeeded = Enumerable.Range(0, 20).Where(n => responses[n].IsSuccessStatusCode).ToList();
        responses.Where(r => !r.IsSuccessStatusCode).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Conflict);
        var events = (await b.GetCase(id)).GetProperty("case").GetProperty("events").EnumerateArray().Skip(4).ToList();
        events.Select(e => e.GetProperty("gaps")[0].GetString()).Should().BeEquivalentTo(succeeded.Select(n => $"gap {n}"));
    });

    [Fact]
    public Task TwoHostsOnOneFile_ACaseTheOtherHostChanged_IsNeverAnsweredFromWhatThisHostRemembers() => OnTwoHosts(async (a, b) =>
    {
        var id = await a.CreateCase();
        (await (await a.GetAsync($"/api/cases/{id}/next")).ReadJson()).GetProperty("action").GetString().Should().Be("FollowUp");
        (await a.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);

        using var onB = await b.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""");
        onB.StatusCode.Should().Be(HttpStatusCode.OK, await onB.Content.ReadAsStringAsync());

        (await (await a.GetAsync($"/api/cases/{id}/next")).ReadJson()).GetProperty("action").GetString().Should().Be("AwaitApproach");
        (await a.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        using var onA = await a.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "k-1");
        onA.EnsureSuccessStatusCode();
        using var retriedOnB = await b.PostEvent(id, """{ "type": "Approached", "on": "2026-03-10" }""", "k-1");
        retriedOnB.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retriedOnB.Content.ReadAsStringAsync()).Should().Be(await onA.Content.ReadAsStringAsync());
        (await b.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(6);
    });

    [Fact]
    public async Task ACaseAnotherProgramChangedInTheDatabase_IsReadAgain_WhileUnchangedCasesStayCached()
    {
        var acme = _factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await acme.CreateCase();
        var other = await acme.CreateCase();
        (await acme.PostEvent(other, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""")).EnsureSuccessStatusCode();
        (await acme.NextAction(id)).Should().Be("FollowUp");
        (await acme.NextAction(id)).Should().Be("FollowUp", "read twice, the host holds the case as checked");

        // Not through the app: the other case's document (one event further) over this one's, a version up.
        await using (var db = _factory.OpenDatabase())
        {
            await using var copy = db.CreateCommand();
            copy.CommandText = "UPDATE cases SET document = (SELECT document FROM cases WHERE tenant = @tenant AND id = @other), version = version + 1 WHERE tenant = @tenant AND id = @id";
            foreach (var (name, value) in new[] { ("tenant", "acme"), ("other", other), ("id", id) })
            {
                var parameter = copy.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                copy.Parameters.Add(parameter);
            }

            (await copy.ExecuteNonQueryAsync()).Should().Be(1);
        }

        (await acme.NextAction(id)).Should().Be("AwaitApproach");
        (await acme.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        (await acme.NextAction(other)).Should().Be("AwaitApproach");
    }

    // Two hosts of the app on one database (the same file, or the same PostgreSQL database), each with its own client.
    private async Task OnTwoHosts(Func<HttpClient, HttpClient, Task> test)
    {
        var directory = TempDirectory.Create();
        try
        {
            using var first = new WebAppFactory(directory, storage: _factory.Storage);
            using var second = new WebAppFactory(directory, storage: _factory.Storage);
            await test(first.ClientFor(WebAppFactory.AcmeKey), second.ClientFor(WebAppFactory.AcmeKey));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
