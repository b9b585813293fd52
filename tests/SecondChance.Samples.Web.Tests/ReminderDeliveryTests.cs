using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using SecondChance.Integrations.Signatures;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// Reminders from the outbox to a real HTTP receiver and a real SMTP server, through Polly's retries and Quartz's
/// jobs, on the app's own database.
/// </summary>
public class ReminderDeliveryTests
{
    public ReminderDeliveryTests()
        : this(TestStorage.Sqlite)
    {
    }

    protected ReminderDeliveryTests(TestStorage storage) => Storage = storage;

    protected TestStorage Storage { get; }

    private WebAppFactory Factory(Dictionary<string, string?> settings, string? directory = null, FakeClock? clock = null) =>
        new(directory, settings, clock, Storage);

    private static readonly string Secret = "whsec_" + Convert.ToBase64String("receiver-secret-for-the-tests-32"u8.ToArray());

    // Notified today (the fake clock says 2026-03-10 17:00 UTC): "thank and ask" is due since 09:00 UTC.
    private const string DueNow = """
        { "candidate": "Alex Rivera", "candidateEmail": "alex@mail.example", "company": "Contoso", "role": "Engineering Manager",
          "level": "MiddleManagement", "timeZone": "UTC", "events": [ { "type": "Notified", "on": "2026-03-10" } ] }
        """;

    private static Dictionary<string, string?> Settings(string? webhookUrl, int? smtpPort = null, int maxAttempts = 4, string timeout = "00:00:05") => new()
    {
        ["Reminders:acme:Webhook:Url"] = webhookUrl,
        ["Reminders:acme:Webhook:Secret"] = webhookUrl is null ? null : Secret,
        ["Reminders:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Reminders:RetryDelay"] = "00:00:00.020",
        ["Reminders:Timeout"] = timeout,
        ["Smtp:Host"] = smtpPort is null ? null : "127.0.0.1",
        ["Smtp:Port"] = smtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = smtpPort is null ? null : "Board reminders <reminders@board.example>",
        ["Smtp:Security"] = "None",

        // Deliveries in these tests start from POST /api/reminders/run; the periodic dispatcher stays out of the way.
        ["Reminders:DispatchEvery"] = "1.00:00:00",
    };

    private static async Task<int> Run(HttpClient client)
    {
        using var response = await client.PostAsync("/api/reminders/run", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJson()).GetProperty("enqueued").GetInt32();
    }

    private static async Task<JsonElement[]> Reminders(HttpClient client, string id, bool untilSettled = true)
    {
        for (var i = 0; ; i++)
        {
            var list = (await (await client.GetAsync($"/api/cases/{id}/reminders")).ReadJson()).EnumerateArray().ToArray();
            if (!untilSettled || list.All(r => r.GetProperty("state").GetString() != "pending") || i > 200)
            {
                return list;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Webhook_FailingTwice_IsSentOnTheThirdTry_WithTheSameIdEveryTime_AndAValidSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.FailFirst(2));
        using var factory = Factory(Settings(receiver.Url));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase(DueNow);

        (await Run(client)).Should().Be(1);
        var reminders = await Reminders(client, id);

        var reminder = reminders.Should().ContainSingle().Subject;
        reminder.GetProperty("state").GetString().Should().Be("sent");
        reminder.GetProperty("attempts").GetInt32().Should().Be(3);
        reminder.GetProperty("action").GetString().Should().Be("ThankAndAskWhereShort");
        var reminderId = reminder.GetProperty("reminderId").GetString();
        receiver.Deliveries.Should().HaveCount(3).And.OnlyContain(d => d.Headers["webhook-id"] == reminderId);
        var last = receiver.Deliveries.Last();
        StandardWebhooks.Verify(StandardWebhookSecret.Parse(Secret), last.Headers["webhook-id"], last.Headers["webhook-timestamp"], last.Headers["webhook-signature"], last.Body, factory.Clock.GetCurrentInstant())
            .IsValid.Should().BeTrue();
        using var body = JsonDocument.Parse(last.Body);
        body.RootElement.GetProperty("type").GetString().Should().Be("action.due");
        body.RootElement.GetProperty("data").GetProperty("caseId").GetString().Should().Be(id);
        body.RootElement.GetProperty("data").GetProperty("reminderId").GetString().Should().Be(reminderId);

        (await Run(client)).Should().Be(0, "a sent reminder is not sent again");
        receiver.Deliveries.Should().HaveCount(3);
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "gone", 1, "410 Gone" },
        { "500", 3, "answered 500 InternalServerError (on the last try)" },
        { "slow", 3, "no answer within the timeout (on the last try)" },
        { "close", 3, "the connection failed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Webhook_ThatKeepsFailing_IsParkedAsFailed_WithItsLastError_NeverDropped(string behaviour, int attempts, string error)
    {
        await using var receiver = await WebhookReceiver.StartAsync(behaviour switch
        {
            "gone" => (_, http) => { http.Response.StatusCode = 410; return Task.CompletedTask; },
            "500" => WebhookReceiver.FailFirst(100),
            "slow" => (_, http) => Task.Delay(TimeSpan.FromSeconds(3), http.RequestAborted),
            _ => (_, http) => { http.Abort(); return Task.CompletedTask; },
        });
        // Only the slow receiver is meant to run into the timeout; the others get one a busy machine never reaches.
        using var factory = Factory(Settings(receiver.Url, maxAttempts: 3, timeout: behaviour == "slow" ? "00:00:00.500" : "00:00:10"));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase(DueNow);

        (await Run(client)).Should().Be(1);
        var reminder = (await Reminders(client, id)).Should().ContainSingle().Subject;

        reminder.GetProperty("state").GetString().Should().Be("failed");
        reminder.GetProperty("attempts").GetInt32().Should().Be(attempts);
        reminder.GetProperty("lastError").GetString().Should().Contain(error);
        receiver.Deliveries.Should().HaveCount(attempts);
        (await Run(client)).Should().Be(0, "a parked reminder waits in the delivery log instead of being retried for ever");
        var log = (await (await client.GetAsync("/api/reminders/failed")).ReadJson()).EnumerateArray().ToArray();
        log.Should().ContainSingle().Which.GetProperty("caseId").GetString().Should().Be(id);
        (await (await factory.ClientFor(WebAppFactory.GlobexKey).GetAsync("/api/reminders/failed")).ReadJson()).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ReceiverThatKeepsFailing_OpensItsCircuit_AndTheNextReminderWaitsPendingInsteadOfUsingUpItsTries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.FailFirst(100));
        var settings = Settings(receiver.Url, maxAttempts: 1);
        settings["Reminders:BreakAfter"] = "2";
        using var factory = Factory(settings);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.CreateCase(DueNow));
        }

        (await Run(client)).Should().Be(3);
        JsonElement[] rows = [];
        for (var i = 0; i < 100; i++)
        {
            rows = (await Task.WhenAll(ids.Select(id => Reminders(client, id, untilSettled: false)))).SelectMany(r => r).ToArray();
            if (rows.All(r => r.GetProperty("lastError").ValueKind == JsonValueKind.String))
            {
                break;
            }

            await Task.Delay(100);
        }

        rows.Select(r => r.GetProperty("state").GetString()).Should().BeEquivalentTo(new[] { "failed", "failed", "pending" });
        var waiting = rows.Single(r => r.GetProperty("state").GetString() == "pending");
        waiting.GetProperty("attempts").GetInt32().Should().Be(0, "an open circuit sends nothing");
        waiting.GetProperty("lastError").GetString().Should().Contain("circuit is open");
        receiver.Deliveries.Should().HaveCount(2);
    }

    [Fact]
    public async Task Email_ReachesARealSmtpServer_WithThePlansCalendar()
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(FreePort()).Build();
        using var factory = Factory(Settings(null, smtp.Configuration.Port));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase(DueNow);

        (await Run(client)).Should().Be(1);
        var reminder = (await Reminders(client, id)).Should().ContainSingle().Subject;

        reminder.GetProperty("channel").GetString().Should().Be("email");
        reminder.GetProperty("state").GetString().Should().Be("sent", reminder.GetProperty("lastError").ToString());
        smtp.ReceivedEmailCount.Should().Be(1);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(smtp.ReceivedEmail[0].Data));
        var message = await MimeMessage.LoadAsync(raw);
        message.To.Mailboxes.Single().Address.Should().Be("alex@mail.example");
        message.Subject.Should().Contain("Engineering Manager at Contoso");
        message.MessageId.Should().Be(reminder.GetProperty("reminderId").GetString() + "@reminders.secondchance");
        var ics = message.Attachments.OfType<MimePart>().Single();
        ics.FileName.Should().Be("plan.ics");
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        System.Text.Encoding.UTF8.GetString(content.ToArray()).Should().Contain("BEGIN:VCALENDAR").And.Contain($"UID:{id}-");
    }

    [Fact]
    public async Task Email_ToARecipientTheServerRefuses_FailsAtOnce_WithTheServersAnswer()
    {
        var port = FreePort();
        await using var smtp = await RefusingSmtpServer.StartAsync(port);
        using var factory = Factory(Settings(null, port));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase(DueNow);

        (await Run(client)).Should().Be(1);
        var reminder = (await Reminders(client, id)).Should().ContainSingle().Subject;

        reminder.GetProperty("state").GetString().Should().Be("failed");
        reminder.GetProperty("attempts").GetInt32().Should().Be(1, "a refused recipient is final; retrying would not help");
        reminder.GetProperty("lastError").GetString().Should().StartWith("SMTP server refused (RecipientNotAccepted, 550)");
    }

    [Fact]
    public async Task ABatchSlowerThanHalfItsLease_LeavesTheRestForALaterClaim_AndSendsEachOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(receiver.Url);
        settings["Reminders:Lease"] = "00:01:00";
        settings["Reminders:ClaimBatch"] = "10";
        using var factory = Factory(settings);

        // Each delivery takes 40 s of the claim's one-minute lease: after the first, less than half is left.
        receiver.Answer = (_, _) =>
        {
            factory.Clock.Advance(Duration.FromSeconds(40));
            return Task.CompletedTask;
        };
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.CreateCase(DueNow));
        }

        (await Run(client)).Should().Be(3);
        await WaitFor(() => !receiver.Deliveries.IsEmpty);
        await Task.Delay(500);
        receiver.Deliveries.Should().ContainSingle("the other two were not started once half the lease was gone");
        var states = new List<string?>();
        foreach (var id in ids)
        {
            states.Add((await Reminders(client, id, untilSettled: false)).Single().GetProperty("state").GetString());
        }

        states.Should().BeEquivalentTo(["sent", "pending", "pending"]);

        // Once the lease has run out the two are claimed again; now each delivery is quick.
        receiver.Answer = (_, _) => Task.CompletedTask;
        factory.Clock.Advance(Duration.FromMinutes(1));
        (await Run(client)).Should().Be(0);
        foreach (var id in ids)
        {
            (await Reminders(client, id)).Single().GetProperty("state").GetString().Should().Be("sent");
        }

        receiver.Deliveries.Select(d => d.Headers["webhook-id"]).Should().OnlyHaveUniqueItems().And.HaveCount(3);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task HostStoppedBetweenTheOutboxWriteAndTheSend_RestartSendsItOnce_WithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var directory = TempDirectory.Create();
        try
        {
            string id, reminderId;
            using (var first = Factory(Settings(receiver.Url), directory))
            {
                var client = first.ClientFor(WebAppFactory.AcmeKey);
                id = await client.CreateCase(DueNow);
                reminderId = (await Reminders(client, id, untilSettled: false)).Single().GetProperty("reminderId").GetString()!;

                // A sweep on this host queues it, a dispatcher claims it, and then the host dies before sending.
                var outbox = first.Services.GetRequiredService<IReminderOutbox>();
                var now = first.Clock.GetCurrentInstant();
                (await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, now, CancellationToken.None)).Should().Be(1);
                (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-that-died", now, Duration.FromMinutes(5), 10, CancellationToken.None)).Should().ContainSingle();
            }

            receiver.Deliveries.Should().BeEmpty();
            using var second = Factory(Settings(receiver.Url), directory);
            var again = second.ClientFor(WebAppFactory.AcmeKey);
            (await Run(again)).Should().Be(0, "it was queued before the host died");
            await Task.Delay(500);
            (await Reminders(again, id, untilSettled: false)).Single().GetProperty("state").GetString().Should().Be("pending", "the dead host's lease has not run out yet");
            receiver.Deliveries.Should().BeEmpty();

            second.Clock.Advance(Duration.FromMinutes(6));
            (await Run(again)).Should().Be(0);
            (await Reminders(again, id)).Single().GetProperty("state").GetString().Should().Be("sent");
            (await Run(again)).Should().Be(0);
            await Task.Delay(300);

            receiver.Deliveries.Should().ContainSingle().Which.Headers["webhook-id"].Should().Be(reminderId);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task OpeningSeen_ByTheOpeningWatch_MakesTheFollowUpDue_ThroughTheOutbox()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var factory = Factory(Settings(receiver.Url));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase("""
            { "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager", "level": "MiddleManagement", "timeZone": "UTC",
              "events": [ { "type": "Notified", "on": "2026-03-02" }, { "type": "FeedbackRecorded", "on": "2026-03-02", "gaps": [] },
                          { "type": "InterestReaffirmed", "on": "2026-03-02" }, { "type": "NoteSent", "on": "2026-03-03", "channel": "Email" } ] }
            """);
        var planned = (await Reminders(client, id, untilSettled: false)).Should().ContainSingle().Subject;
        planned.GetProperty("dueOn").GetString().Should().Be("2026-08-03", "the follow-up is months away");
        (await Run(client)).Should().Be(0);

        using var seen = await client.PostAsync("/api/openings", ApiCalls.Json("""{ "company": "Contoso", "title": "Engineering Manager", "postedOn": "2026-03-09", "url": "https://jobs.example/contoso/em" }"""));
        seen.StatusCode.Should().Be(HttpStatusCode.OK, await seen.Content.ReadAsStringAsync());

        (await Run(client)).Should().Be(1, "the opening makes following up due the next business day, today");
        var reminders = await Reminders(client, id);
        reminders.Select(r => (r.GetProperty("dueOn").GetString(), r.GetProperty("state").GetString()))
            .Should().BeEquivalentTo(new[] { ("2026-03-10", "sent"), ("2026-08-03", "superseded") });
        using var body = JsonDocument.Parse(receiver.Deliveries.Should().ContainSingle().Subject.Body);
        body.RootElement.GetProperty("data").GetProperty("action").GetString().Should().Be("FollowUp");
    }

    public static TheoryData<string, string, string> LocalNine => new()
    {
        // The day the United States moves its clocks forward: 09:00 is 13:00 UTC, not 14:00.
        { "America/New_York", "2026-03-08", "2026-03-08T13:00:00Z" },
        // The day before it: still standard time.
        { "America/New_York", "2026-03-06", "2026-03-06T14:00:00Z" },
        // The day Europe moves forward: 09:00 BST is 08:00 UTC.
        { "Europe/London", "2026-03-30", "2026-03-30T08:00:00Z" },
        // UTC+14: 09:00 local is the previous day in UTC.
        { "Pacific/Kiritimati", "2026-03-11", "2026-03-10T19:00:00Z" },
        // UTC-11.
        { "Pacific/Pago_Pago", "2026-03-10", "2026-03-10T20:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(LocalNine))]
    public async Task Reminder_GoesAtNineLocal_NotUtc_AcrossClockChangesAndInFarZones(string zone, string notifiedOn, string sendAtUtc)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sendAt = NodaTime.Text.InstantPattern.ExtendedIso.Parse(sendAtUtc).Value;
        var clock = new FakeClock(sendAt - Duration.FromMinutes(1));
        using var factory = Factory(Settings(receiver.Url), clock: clock);
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase($$"""
            { "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager", "level": "MiddleManagement", "timeZone": "{{zone}}",
              "events": [ { "type": "Notified", "on": "{{notifiedOn}}" } ] }
            """);

        var planned = (await Reminders(client, id, untilSettled: false)).Should().ContainSingle().Subject;
        planned.GetProperty("sendAt").GetString().Should().Be(sendAtUtc);
        (await Run(client)).Should().Be(0, "one minute before 09:00 local nothing is due");

        clock.Advance(Duration.FromMinutes(1));
        (await Run(client)).Should().Be(1);
        (await Reminders(client, id)).Single().GetProperty("state").GetString().Should().Be("sent");
    }

    [Fact]
    public async Task ANewEvent_SupersedesTheUnsentReminder_AndPlansTheNextOne()
    {
        using var factory = Factory(Settings("http://127.0.0.1:9/unused"));
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase(DueNow);

        using var response = await client.PostEvent(id, """{ "type": "FeedbackRecorded", "on": "2026-03-10", "gaps": [] }""");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reminders = await Reminders(client, id, untilSettled: false);

        reminders.Select(r => (r.GetProperty("action").GetString(), r.GetProperty("state").GetString()))
            .Should().BeEquivalentTo(new[] { ("ReaffirmInterest", "pending"), ("ThankAndAskWhereShort", "superseded") });
    }

    [Fact]
    public async Task CaseReminders_OfAnotherTenantsCase_404()
    {
        using var factory = Factory(Settings(null));
        var id = await factory.ClientFor(WebAppFactory.AcmeKey).CreateCase(DueNow);

        (await factory.ClientFor(WebAppFactory.GlobexKey).GetAsync($"/api/cases/{id}/reminders")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SweepTriggers_ArePersistedInTheSamplesOwnDatabase_OnePerTenantAndBucketRange_OnTheConfiguredCron()
    {
        var settings = Settings(null);
        settings["Reminders:Cron"] = "0 0/5 * * * ?";
        settings["Reminders:Partitions"] = "2";
        using var factory = Factory(settings);
        _ = factory.CreateClient();

        await using var connection = factory.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT trigger_name, cron_expression FROM qrtz_cron_triggers ORDER BY trigger_name;";
        var rows = new List<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        rows.Should().Equal(
            ("sweep-acme-1-of-2", "0 0/5 * * * ?"), ("sweep-acme-2-of-2", "0 0/5 * * * ?"),
            ("sweep-agency-1-of-2", "0 0/5 * * * ?"), ("sweep-agency-2-of-2", "0 0/5 * * * ?"),
            ("sweep-globex-1-of-2", "0 0/5 * * * ?"), ("sweep-globex-2-of-2", "0 0/5 * * * ?"));
        Convert.ToInt64(await Database.Scalar(factory, "SELECT count(*) FROM qrtz_simple_triggers WHERE trigger_name = 'dispatch'")).Should().Be(1);
    }

    [Theory]
    [InlineData("Reminders:Cron", "every day", "Reminders:Cron")]
    [InlineData("Reminders:acme:Webhook:Secret", "plain-secret", "Reminders:acme:Webhook:Secret: the secret must start with whsec_")]
    [InlineData("Intake:nobody:Greenhouse:Secret", "x", "Intake:nobody: there is no tenant 'nobody'")]
    public void BadSettings_StopTheHost_NamingTheKey(string key, string value, string problem)
    {
        var settings = Settings("http://127.0.0.1:9/hooks");
        settings[key] = value;
        using var factory = Factory(settings);

        FluentActions.Invoking(() => factory.CreateClient()).Should().Throw<Exception>().Where(e => e.ToString().Contains(problem));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class ReminderDeliveryTestsOnPostgreSql() : ReminderDeliveryTests(TestStorage.PostgreSql)
{
    [Fact]
    public async Task Scheduler_IsClustered_OnPostgreSql_WithAGeneratedInstanceId()
    {
        using var factory = new WebAppFactory(null, storage: TestStorage.PostgreSql);
        _ = factory.CreateClient();
        var scheduler = await factory.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();

        for (var i = 0; i < 100 && Convert.ToInt64(await Database.Scalar(factory, "SELECT count(*) FROM qrtz_scheduler_state")) == 0; i++)
        {
            await Task.Delay(100);
        }

        var instance = (string)(await Database.Scalar(factory, "SELECT instance_name FROM qrtz_scheduler_state"))!;
        instance.Should().Be(scheduler.SchedulerInstanceId).And.NotBe("AUTO");
    }
}

/// <summary>A real SMTP server (the SmtpServer package) on loopback that refuses every recipient with 550.</summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RefusingSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServer.SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new RefuseAll());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public static async Task<RefusingSmtpServer> StartAsync(int port)
    {
        var server = new RefusingSmtpServer(port);
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (System.Net.Sockets.SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class RefuseAll : SmtpServer.Storage.IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(SmtpServer.ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(SmtpServer.ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
