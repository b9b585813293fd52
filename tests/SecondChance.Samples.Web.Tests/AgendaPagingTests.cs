using System.Net;
using System.Text.Json;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class AgendaPagingTests
{
    /// <summary>Gets the database the app stores in.</summary>
    protected virtual TestStorage Storage => TestStorage.Sqlite;

    private static string Notified(string candidate, string zone, string on) => $$"""
        { "candidate": "{{candidate}}", "company": "Fabrikam", "role": "Analyst", "level": "IndividualContributor",
          "timeZone": "{{zone}}", "events": [ { "type": "Notified", "on": "{{on}}" } ] }
        """;

    [Fact]
    public async Task Pages_FollowingTheLinks_EveryDueCaseOnceInOrder_LastPageHasNoLink()
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var expected = new List<string>();
        foreach (var day in new[] { "2026-03-02", "2026-03-05", "2026-03-05", "2026-03-09", "2026-03-10" })
        {
            expected.Add(await client.CreateCase(ApiCalls.JustNotified("Sam " + expected.Count, "Fabrikam", day)));
        }

        var seen = new List<string>();
        var pages = 0;
        string? next = "/api/agenda?limit=2";
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var items = (await response.ReadJson()).EnumerateArray().ToList();
            items.Should().HaveCountLessThanOrEqualTo(2);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
            pages++;
        }

        pages.Should().Be(3);
        seen.Should().BeEquivalentTo(expected);
        seen.Should().OnlyHaveUniqueItems();
        var dueDays = new[] { "2026-03-02", "2026-03-05", "2026-03-05", "2026-03-09", "2026-03-10" };
        seen.Select(id => dueDays[expected.IndexOf(id)]).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task NoLimit_OneHundredAPage()
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        for (var i = 0; i < 101; i++)
        {
            await client.CreateCase(ApiCalls.JustNotified("Sam " + i, "Fabrikam", "2026-03-09"));
        }

        using var first = await client.GetAsync("/api/agenda");
        (await first.ReadJson()).GetArrayLength().Should().Be(100);
        var link = NextLink(first.Headers.GetValues("Link").Single());
        link.Should().StartWith("/api/agenda?").And.Contain("limit=100").And.Contain("cursor=");
        using var second = await client.GetAsync(link);
        (await second.ReadJson()).GetArrayLength().Should().Be(1);
        second.Headers.Contains("Link").Should().BeFalse();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MjAyNg", "cursor")]
    public async Task BadLimitOrCursor_400NamingIt(string query, string field)
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);

        using var response = await client.GetAsync("/api/agenda?" + query);

        await response.ShouldBeValidationProblem(field);
    }

    [Fact]
    public async Task WithoutOn_TodayIsEachCasesOwn()
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 12, 0)); // 02:00 on 11 March on Kiritimati (UTC+14)
        var kiritimati = await client.CreateCase(Notified("Tia Kaua", "Pacific/Kiritimati", "2026-03-11")); // due 2026-03-11
        var utc = await client.CreateCase(Notified("Uma Lind", "UTC", "2026-03-10"));                          // due 2026-03-10

        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 9, 59)); // 23:59 on 10 March on Kiritimati
        var beforeMidnight = await Ids(client, "/api/agenda");
        factory.Clock.Reset(Instant.FromUtc(2026, 3, 10, 10, 0)); // midnight on Kiritimati: its case is due there
        var afterMidnight = await Ids(client, "/api/agenda");
        var onTenth = await Ids(client, "/api/agenda?on=2026-03-10");
        var onEleventh = await Ids(client, "/api/agenda?on=2026-03-11");

        beforeMidnight.Should().Equal(utc);
        afterMidnight.Should().Equal(utc, kiritimati);
        onTenth.Should().Equal(utc);
        onEleventh.Should().Equal(utc, kiritimati);
    }

    [Fact]
    public async Task PageReadAgain_AfterAWrite_ShowsTheWrite()
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var staying = await client.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09"));
        var closing = await client.CreateCase(ApiCalls.JustNotified("Kim Park", "Northwind", "2026-03-08"));
        var before = await Ids(client, "/api/agenda");

        (await client.PostEvent(closing, """{ "type": "Closed", "on": "2026-03-10", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();
        var added = await client.CreateCase(ApiCalls.JustNotified("Lee Chu", "Contoso", "2026-03-10"));
        var after = await Ids(client, "/api/agenda");

        before.Should().Equal(closing, staying);
        after.Should().Equal(staying, added);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_IsCompressedWhenTheClientAsks(string encoding)
    {
        using var factory = new WebAppFactory(null, storage: Storage);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        for (var i = 0; i < 20; i++)
        {
            await client.CreateCase(ApiCalls.JustNotified("Sam " + i, "Fabrikam", "2026-03-09"));
        }

        using var plain = await client.GetAsync("/api/agenda");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agenda");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var compressed = await client.SendAsync(request);

        compressed.StatusCode.Should().Be(HttpStatusCode.OK);
        compressed.Content.Headers.ContentEncoding.Should().Equal(encoding);
        var size = (await compressed.Content.ReadAsByteArrayAsync()).Length;
        size.Should().BeLessThan((await plain.Content.ReadAsByteArrayAsync()).Length / 3);
    }

    private static async Task<List<string>> Ids(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJson()).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    // <"/api/agenda?limit=2&cursor=...">; rel="next"  ->  /api/agenda?limit=2&cursor=...
    private static string NextLink(string header)
    {
        header.Should().EndWith("; rel=\"next\"");
        return header[1..header.IndexOf('>', StringComparison.Ordinal)];
    }
}
