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
}
