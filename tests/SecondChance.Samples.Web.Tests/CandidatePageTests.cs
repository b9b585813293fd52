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

    [Fact]
    public async Task PageOpenedFromALink_ShowsItsCaseAndRecordsEvents_WithoutAKey()
    {
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium package (apt-get install -y chromium)");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        await using var server = await LiveServer.StartAsync("Production", clock, new Dictionary<string, string?> { ["Tenants:board"] = "board-key" });
        var board = server.Client("board-key");
        var id = await board.CreateCase();
        using var issued = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty));
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        var url = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
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
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium package (apt-get install -y chromium)");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        await using var server = await LiveServer.StartAsync("Production", clock, new Dictionary<string, string?> { ["Tenants:board"] = "board-key" });
        var board = server.Client("board-key");
        var id = await board.CreateCase();
        using var issued = await board.PostAsync($"/api/cases/{id}/links", ApiCalls.Json(string.Empty));
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        var link = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var token = link.GetProperty("token").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
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
