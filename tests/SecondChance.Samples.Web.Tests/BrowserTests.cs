using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime.Testing;
using SecondChance.Samples.Web.Tests.Support;
using Xunit.Abstractions;

namespace SecondChance.Samples.Web.Tests;

public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly ITestOutputHelper _output;

    public BrowserTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Page_CreateCaseRecordEvents_NextActionFollows_NoteCalendarAndStats()
    {
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium package (apt-get install -y chromium)");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        await using var server = await LiveServer.StartAsync("Development", clock, new Dictionary<string, string?>());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.Address.ToString(), StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:" + server.Address, StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("#api-key")).ToHaveValueAsync("demo-key");

        await page.FillAsync("[name=candidate]", "Jordan Smith");
        await page.FillAsync("[name=company]", "Fabrikam");
        await page.FillAsync("[name=role]", "Product Lead");
        await page.SelectOptionAsync("[name=level]", "MiddleManagement");
        await page.FillAsync("[name=timeZone]", "UTC");
        await page.FillAsync("[name=contactName]", "Pat Lee");
        await page.FillAsync("[name=notifiedOn]", "2026-03-09");
        await page.ClickAsync("#create-form button[type=submit]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Thank them and ask where you fell short");
        await Assertions.Expect(page.Locator("#next-overdue")).ToBeVisibleAsync();

        await page.FillAsync("#event-on", "2026-03-09");
        await page.FillAsync("#event-gaps", "has not owned a budget\nsmaller teams so far");
        await page.ClickAsync("button[data-event=FeedbackRecorded]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Say you are still interested");

        await page.ClickAsync("button[data-event=InterestReaffirmed]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Send a thank-you note");
        await Assertions.Expect(page.Locator("#next-due")).ToContainTextAsync("2026-03-10");

        await page.FillAsync("#event-on", "2026-03-10");
        await page.SelectOptionAsync("#event-channel", "Card");
        await page.ClickAsync("button[data-event=NoteSent]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Follow up with the same person");
        await Assertions.Expect(page.Locator("#next-due")).ToContainTextAsync("Due 2026-08-10");
        await Assertions.Expect(page.Locator("#next-guidance")).ToContainTextAsync("same person");
        await Assertions.Expect(page.Locator("#timeline li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("#timeline li.Next").First).ToHaveAttributeAsync("data-step", "7");
        await Assertions.Expect(page.Locator("#timeline li.Done")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(4);

        await page.FillAsync("#event-on", "2026-03-01");
        await page.ClickAsync("button[data-event=FollowUpMade]");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("events[4].on");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("must not be before the previous event");
        await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(4);

        await page.FillAsync("#agenda-on", "2026-08-31");
        await page.ClickAsync("#agenda-form button");
        await Assertions.Expect(page.Locator("#agenda")).ToContainTextAsync("Jordan Smith");

        // The chance for the case's level sits next to the next action; the board has no closed case yet, so it is the prior.
        await Assertions.Expect(page.Locator("#next-chance")).ToContainTextAsync("Chance this comes back: 30%");
        await Assertions.Expect(page.Locator("#stats-chart rect.bar")).ToHaveCountAsync(18);
        await Assertions.Expect(page.Locator("#stats-chart rect.bar.odds")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#stats-summary")).ToHaveTextAsync("1 case counted.");

        // Thank-you note: an example for one gap only, so the draft keeps a prompt and the check blocks sending.
        await Assertions.Expect(page.Locator("#note-evidence textarea")).ToHaveCountAsync(2);
        await page.FillAsync("#note-evidence textarea[data-gap='has not owned a budget']", "In 2025 I ran a 1.2M budget and cut costs by 15%.");
        await page.ClickAsync("#note-draft");
        await Assertions.Expect(page.Locator("#note-text")).ToHaveValueAsync(new Regex("ran a 1\\.2M budget"));
        await Assertions.Expect(page.Locator("#note-missing")).ToContainTextAsync("\"smaller teams so far\"");
        await page.ClickAsync("#note-check");
        await Assertions.Expect(page.Locator("#note-verdict")).ToHaveTextAsync("not ready: 1 problem to fix");
        var prompt = page.Locator("#note-findings li.Error");
        await Assertions.Expect(prompt).ToHaveCountAsync(1);
        await Assertions.Expect(prompt).ToContainTextAsync("UnfilledPrompt");
        await Assertions.Expect(prompt).ToContainTextAsync(new Regex("line \\d+"));
        await Assertions.Expect(prompt).ToContainTextAsync("[ADD AN EXAMPLE");

        await page.FillAsync("#note-evidence textarea[data-gap='smaller teams so far']", "I grew my team from 4 to 11 engineers in one year.");
        await page.ClickAsync("#note-draft");
        await Assertions.Expect(page.Locator("#note-missing")).ToContainTextAsync("with an example for every gap");
        await page.ClickAsync("#note-check");
        await Assertions.Expect(page.Locator("#note-verdict")).ToContainTextAsync("ready to send");
        await Assertions.Expect(page.Locator("#note-findings li.Error")).ToHaveCountAsync(0);

        // The calendar is fetched with the key and saved from a blob.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#calendar-download"));
        download.SuggestedFilename.Should().Be("jordan-smith-fabrikam-plan.ics");
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        ics.Should().StartWith("BEGIN:VCALENDAR").And.Contain("-FollowUp@secondchance").And.Contain("DTSTART:20260810T090000Z");

        // The subscribe link is the same calendar as a webcal: feed, the key in its query.
        var feed = await page.GetAttributeAsync("#calendar-subscribe", "href");
        feed.Should().StartWith("webcal://").And.Contain("/calendar.ics?key=");
        using (var calendarApp = new HttpClient())
        {
            (await calendarApp.GetStringAsync("http://" + feed!["webcal://".Length..])).Should().Contain("-FollowUp@secondchance").And.Contain("REFRESH-INTERVAL");
        }

        var screenshot = Path.Combine(Path.GetTempPath(), "secondchance-web-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        _output.WriteLine("screenshot: " + screenshot);

        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#key-form button");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("not known");
        outside.Should().BeEmpty("the page loads nothing from outside the app");
    }
}
