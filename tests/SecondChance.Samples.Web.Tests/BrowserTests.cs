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

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium package (apt-get install -y chromium)");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [Fact]
    public async Task Page_CreateCaseRecordEvents_NextActionFollows_NoteCalendarAndStats()
    {
        // The demo tenant has a webhook, so its cases get reminders the page lists (none is sent: nothing sweeps here).
        await using var server = await LiveServer.StartAsync("Development", new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0)), new Dictionary<string, string?>
        {
            ["Reminders:demo:Webhook:Url"] = "http://127.0.0.1:9/hooks",
            ["Reminders:demo:Webhook:Secret"] = "whsec_" + Convert.ToBase64String("receiver-secret-for-the-tests-32"u8.ToArray()),
            ["Reminders:DispatchEvery"] = "1.00:00:00",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 }, Locale = "en-GB", BypassCSP = true });
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
        await Assertions.Expect(page.Locator("#next-due")).ToContainTextAsync("10 March 2026");

        await page.FillAsync("#event-on", "2026-03-10");
        await page.SelectOptionAsync("#event-channel", "Card");
        await page.ClickAsync("button[data-event=NoteSent]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Follow up with the same person");
        await Assertions.Expect(page.Locator("#next-due")).ToContainTextAsync("Due 10 August 2026");
        await Assertions.Expect(page.Locator("#next-guidance")).ToContainTextAsync("same person");
        await Assertions.Expect(page.Locator("#timeline li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("#timeline li.Next").First).ToHaveAttributeAsync("data-step", "7");
        await Assertions.Expect(page.Locator("#timeline li.Done")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#history li")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#reminders li.pending")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#reminders li.pending")).ToContainTextAsync("Follow up with the same person · due 10 August 2026 · webhook · pending");
        await Assertions.Expect(page.Locator("#reminders li.superseded")).ToHaveCountAsync(3);

        await page.FillAsync("#event-on", "2026-03-01");
        await page.ClickAsync("button[data-event=FollowUpMade]");
        await Assertions.Expect(page.Locator("#event-on-error")).ToContainTextAsync("must not be before the previous event, your note on 10 March 2026");
        await Assertions.Expect(page.Locator("#event-on")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#event-on")).ToHaveAttributeAsync("aria-invalid", "true");
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
        await Assertions.Expect(prompt).ToContainTextAsync("Unfilled prompt");
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

        (await Axe.ViolationsAsync(page)).Should().BeEmpty("the desktop page meets WCAG 2.2 AA as far as axe-core can tell");

        var screenshot = Path.Combine(Path.GetTempPath(), "secondchance-web-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        _output.WriteLine("screenshot: " + screenshot);

        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#key-form button");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("not known");
        outside.Should().BeEmpty("the page loads nothing from outside the app");
    }

    [Fact]
    public async Task Phone_390x844_CaseFirstNoOverflowErrorsBesideTheirControlsKeyboardAndAxe()
    {
        await using var server = await LiveServer.StartAsync("Development", new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0)), new Dictionary<string, string?>());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
            BypassCSP = true, // only so the test can inject axe-core; the page itself needs no exception
        });
        async Task NoHorizontalOverflow(string when)
        {
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            widths[0].Should().BeLessThanOrEqualTo(widths[1], $"nothing may stick out sideways {when}");
        }

        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("#api-key")).ToHaveValueAsync("demo-key");
        await NoHorizontalOverflow("on the start page");

        await page.FillAsync("[name=candidate]", "Jordan Smith");
        await page.FillAsync("[name=company]", "Fabrikam");
        await page.FillAsync("[name=role]", "Product Lead");
        await page.FillAsync("[name=timeZone]", "UTC");
        await page.FillAsync("[name=notifiedOn]", "2026-03-09");
        await page.ClickAsync("#create-form button[type=submit]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Thank them and ask where you fell short");

        // The form is ready for the next case; the candidate's words are used, not the API's names.
        await Assertions.Expect(page.Locator("[name=candidate]")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.Locator("[name=role]")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.Locator("#case-sub")).ToContainTextAsync("middle management");
        await Assertions.Expect(page.Locator("#case-sub")).Not.ToContainTextAsync("MiddleManagement");
        await Assertions.Expect(page.Locator("#next-due")).ToContainTextAsync("9 March 2026");
        await Assertions.Expect(page.Locator("#history li").First).ToHaveTextAsync("9 March 2026 · They called you");

        // The case comes before the agenda and the forms on a phone.
        var caseTop = (await page.Locator("#case-view").BoundingBoxAsync())!.Y;
        (await page.Locator("#agenda-form").BoundingBoxAsync())!.Y.Should().BeGreaterThan(caseTop);
        (await page.Locator("#create-form").BoundingBoxAsync())!.Y.Should().BeGreaterThan(caseTop);
        await NoHorizontalOverflow("with a case open (its long reference included)");

        // An error shows beside the control that caused it, which gets the focus and is on screen.
        await page.FillAsync("#event-on", "2026-03-01");
        await page.ClickAsync("button[data-event=FeedbackRecorded]");
        var error = page.Locator("#event-on-error");
        await Assertions.Expect(error).ToContainTextAsync("must not be before the previous event, the call on 9 March 2026");
        await Assertions.Expect(page.Locator("#event-on")).ToBeFocusedAsync();
        await Assertions.Expect(error).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#message")).ToBeHiddenAsync();
        await NoHorizontalOverflow("with an error shown");

        await page.FillAsync("#event-on", "2026-03-09");
        await page.FillAsync("#event-gaps", "has not owned a budget");
        await page.ClickAsync("button[data-event=FeedbackRecorded]");
        await Assertions.Expect(page.Locator("#next-action")).ToHaveTextAsync("Say you are still interested");
        await Assertions.Expect(error).ToHaveCountAsync(0);

        // Findings: the button that shows a finding in the note works from the keyboard.
        await page.ClickAsync("#note-draft");
        await Assertions.Expect(page.Locator("#note-text")).ToHaveValueAsync(new Regex("ADD AN EXAMPLE"));
        await page.ClickAsync("#note-check");
        var show = page.Locator("#note-findings li.Error button.show-in-note").First;
        await show.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#note-text")).ToBeFocusedAsync();
        (await page.EvaluateAsync<string>("() => { const t = document.getElementById('note-text'); return t.value.slice(t.selectionStart, t.selectionEnd); }"))
            .Should().StartWith("[ADD AN EXAMPLE");
        await NoHorizontalOverflow("with the note's findings");

        // The chart is drawn at the phone's width: its text keeps a readable size.
        await Assertions.Expect(page.Locator("#stats-chart rect.bar.odds")).ToHaveCountAsync(3);
        var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#stats-chart text')].map(t => t.getBoundingClientRect().height))");
        smallest.Should().BeGreaterThanOrEqualTo(10, "chart text must stay readable on a phone");
        await NoHorizontalOverflow("with the stats chart");

        (await Axe.ViolationsAsync(page)).Should().BeEmpty("the phone page meets WCAG 2.2 AA as far as axe-core can tell");
        var screenshot = Path.Combine(Path.GetTempPath(), "secondchance-web-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        _output.WriteLine("screenshot: " + screenshot);

        // Agenda items open a case from the keyboard alone: Tab from the Show button, then Enter.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#case-view")).ToBeHiddenAsync();
        await page.FillAsync("#agenda-on", "2026-12-31");
        await page.Locator("#agenda-form button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var item = page.Locator("#agenda button.item").First;
        await Assertions.Expect(item).ToContainTextAsync("Jordan Smith");

        // Tab from the Show button, with the list drawn.
        await page.Locator("#agenda-form button").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(item).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#case-title")).ToHaveTextAsync("Jordan Smith at Fabrikam");
        await NoHorizontalOverflow("after opening from the agenda");
    }
}
