using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using NodaTime.Testing;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>The page outside Development: opened from a candidate link it shows that case, and no key ever reaches it.</summary>
public class CandidatePageTests
{
    private const string Chromium = "/usr/bin/chromium";

    // The app outside Development, with one tenant whose key only the board holds.
    private static Task<LiveServer> StartAsync()
    {
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium package (apt-get install -y chromium)");
        return LiveServer.StartAsync("Production", new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0)), new Dictionary<string, string?> { ["Tenants:board"] = "board-key" });
    }

    // The board creates the sample case and issues a link to it: (case id, the 201 answer).
    private static async Task<(string Id, JsonElement Link)> IssueLinkAsync(LiveServer server)
    {
        var board = server.Client("board-key");
        var id = await board.CreateCase();
        using var issued = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty));
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        return (id, JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    [Fact]
    public async Task PageOpenedFromALink_ShowsItsCaseAndRecordsEvents_WithoutAKey()
    {
        await using var server = await StartAsync();
        var (_, link) = await IssueLinkAsync(server);
        var url = link.GetProperty("url").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var keysSent = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Headers.ContainsKey("x-api-key"))
            {
                keysSent.Add(request.Url);
            }
        };

        await page.GotoAsync(server.Address.ToString().TrimEnd('/') + "/");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("link you were given");
        await Assertions.Expect(page.Locator("main.layout")).ToBeHiddenAsync();

        await page.GotoAsync(server.Address.ToString().TrimEnd('/') + url);
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Follow up with the same person");
        await Assertions.Expect(page.Locator("aside.side")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#key-form")).ToBeHiddenAsync();

        await page.FillAsync("#event-on", "2026-03-10");
        await page.ClickAsync("button[data-event=FollowUpMade]");
        await Assertions.Expect(page.Locator("#next-action")).Not.ToHaveTextAsync("Follow up with the same person");

        keysSent.Should().BeEmpty();
    }

    [Fact]
    public async Task PageOpenedFromALink_SubscribeLinkCarriesTheLinkTokenNotTheKey_AndServesTheCalendar()
    {
        await using var server = await StartAsync();
        var (id, link) = await IssueLinkAsync(server);
        var token = link.GetProperty("token").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        // The same browser once held the board's key (an operator who also opened the link): it must not leak into the feed URL.
        await page.AddInitScriptAsync("localStorage.setItem('secondchance.apiKey', 'board-key');");
        await page.GotoAsync(server.Address.ToString().TrimEnd('/') + link.GetProperty("url").GetString());
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Follow up with the same person");
        var subscribe = page.Locator("#calendar-subscribe");
        await Assertions.Expect(subscribe).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^webcal://"));
        await page.FillAsync("#calendar-time", "08:30");
        await page.DispatchEventAsync("#calendar-time", "change");

        var href = (await subscribe.GetAttributeAsync("href"))!;
        var feed = new Uri("http" + href["webcal".Length..]);
        feed.AbsolutePath.Should().Be($"/api/cases/{id}/calendar.ics");
        var query = System.Web.HttpUtility.ParseQueryString(feed.Query);
        query["link"].Should().Be(token);
        query["time"].Should().Be("08:30");
        query["key"].Should().BeNull();
        href.Should().NotContain("board-key");

        using var calendarApp = new HttpClient(); // a calendar app: no key, no link header
        using var response = await calendarApp.GetAsync(feed);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"UID:{id}-FollowUp@secondchance").And.Contain("T083000");
    }
}
