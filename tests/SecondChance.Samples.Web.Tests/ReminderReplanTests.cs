using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Samples.Web.Tests.Support;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// Reminders planned at start: cases stored before the outbox existed get theirs once after the upgrade, and a
/// tenant's changed rules re-plan the pending ones; a second start, or a second host, changes nothing.
/// </summary>
public class ReminderReplanTests
{
    // Note sent 2026-03-03: the default rules follow up five months later, the example workflow much sooner.
    private const string NoteSent = """
        { "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager", "level": "MiddleManagement", "timeZone": "UTC",
          "events": [ { "type": "Notified", "on": "2026-03-02" }, { "type": "FeedbackRecorded", "on": "2026-03-02", "gaps": [] },
                      { "type": "InterestReaffirmed", "on": "2026-03-02" }, { "type": "NoteSent", "on": "2026-03-03", "channel": "Email" } ] }
        """;

    // Notified today (the fake clock says 2026-03-10 17:00 UTC): "thank and ask" is due since 09:00 UTC, under either rule set.
    private const string DueNow = """
        { "candidate": "Sam Okafor", "company": "Fabrikam", "role": "Data Lead", "level": "MiddleManagement", "timeZone": "UTC",
          "events": [ { "type": "Notified", "on": "2026-03-10" } ] }
        """;

    private static readonly string Secret = "whsec_" + Convert.ToBase64String("receiver-secret-for-the-tests-32"u8.ToArray());

    public ReminderReplanTests()
        : this(TestStorage.Sqlite)
    {
    }

    protected ReminderReplanTests(TestStorage storage) => Storage = storage;

    protected TestStorage Storage { get; }

    [Fact]
    public async Task CasesStoredBeforeTheOutbox_GetTheirRemindersAtTheFirstStart_Once()
    {
        var directory = TempDirectory.Create();
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            await StoreBeforeTheOutbox(directory, ("planned", NoteSent, "2026-08-03"), ("due", DueNow, "2026-03-10"));

            using (var first = Host(directory, receiver.Url))
            {
                var client = first.ClientFor(WebAppFactory.AcmeKey);
                (await States(client, "planned")).Should().Equal(("2026-08-03", "pending"));
                (await States(client, "due")).Should().Equal(("2026-03-10", "pending"));
                (await Run(client)).Should().Be(1);
                await Settled(client, "due");
            }

            // The next start plans nothing again, and the sent reminder stays sent.
            using var second = Host(directory, receiver.Url);
            var again = second.ClientFor(WebAppFactory.AcmeKey);
            (await States(again, "planned")).Should().Equal(("2026-08-03", "pending"));
            (await States(again, "due")).Should().Equal(("2026-03-10", "sent"));
            (await Run(again)).Should().Be(0);
            receiver.Deliveries.Should().ContainSingle();
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task ChangingATenantsRules_SupersedesThePendingReminderAtStart_AndKeepsTheSentOne()
    {
        var directory = TempDirectory.Create();
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            string planned, due;
            using (var before = Host(directory, receiver.Url))
            {
                var client = before.ClientFor(WebAppFactory.AcmeKey);
                planned = await client.CreateCase(NoteSent);
                due = await client.CreateCase(DueNow);
                (await Run(client)).Should().Be(1);
                await Settled(client, due);
            }

            string moved;
            using (var after = Host(directory, receiver.Url, fastRules: true))
            {
                var client = after.ClientFor(WebAppFactory.AcmeKey);
                var states = await States(client, planned);
                states.Should().HaveCount(2).And.Contain(("2026-08-03", "superseded"));
                (moved, var state) = states.Single(s => s.DueOn != "2026-08-03");
                state.Should().Be("pending");
                string.CompareOrdinal(moved, "2026-08-03").Should().BeNegative("the example workflow follows up sooner");
                (await client.GetCase(planned)).GetProperty("next").GetProperty("dueOn").GetString().Should().Be(moved);
                (await States(client, due)).Should().Equal(("2026-03-10", "sent"));
            }

            using var again = Host(directory, receiver.Url, fastRules: true);
            var same = again.ClientFor(WebAppFactory.AcmeKey);
            (await States(same, planned)).Should().BeEquivalentTo(new[] { (moved, "pending"), ("2026-08-03", "superseded") });
            (await States(same, due)).Should().Equal(("2026-03-10", "sent"));
            (await Run(same)).Should().Be(0);
            receiver.Deliveries.Should().ContainSingle("the sent reminder is not sent again");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private WebAppFactory Host(string directory, string webhookUrl, bool fastRules = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reminders:acme:Webhook:Url"] = webhookUrl,
            ["Reminders:acme:Webhook:Secret"] = Secret,
            ["Reminders:RetryDelay"] = "00:00:00.020",

            // Deliveries start from POST /api/reminders/run; the periodic dispatcher stays out of the way.
            ["Reminders:DispatchEvery"] = "1.00:00:00",
        };
        if (fastRules)
        {
            settings["RuleSets:acme"] = WebAppFactory.Workflow("fast-follow-up.json");
        }

        return new WebAppFactory(directory, settings, storage: Storage);
    }

    // Writes a database as the version before the outbox left it, holding the given cases of acme as derived with
    // today's rules (so only the upgrade, not a change of rules, can make the start look at them again).
    private async Task StoreBeforeTheOutbox(string directory, params (string Id, string Json, string NextDue)[] cases)
    {
        string rules;
        using (var probe = new WebAppFactory())
        {
            rules = probe.Services.GetRequiredService<TenantDirectory>().For("acme").Fingerprint;
        }

        Database.MigrateToTheVersionBeforeTheOutbox(Storage, directory);
        using var factory = new WebAppFactory(directory, storage: Storage);
        foreach (var (id, json, nextDue) in cases)
        {
            var @case = SecondChanceJson.ParseCase(json).Case!;
            await Database.Scalar(factory, """
                INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone)
                VALUES ('acme', @id, 1, @document, @candidate, @company, @next_due, @rules, 'UTC');
                """,
                ("@id", id), ("@document", SecondChanceJson.Serialize(@case)), ("@candidate", @case.Candidate), ("@company", @case.Company),
                ("@next_due", nextDue), ("@rules", rules));
        }
    }

    private static async Task<int> Run(HttpClient client)
    {
        using var response = await client.PostAsync("/api/reminders/run", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJson()).GetProperty("enqueued").GetInt32();
    }

    private static async Task<(string DueOn, string State)[]> States(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}/reminders");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadJson()).EnumerateArray()
            .Select(r => (r.GetProperty("dueOn").GetString()!, r.GetProperty("state").GetString()!))
            .ToArray();
    }

    private static async Task Settled(HttpClient client, string id)
    {
        for (var i = 0; i < 200 && (await States(client, id)).Any(s => s.State == "pending"); i++)
        {
            await Task.Delay(100);
        }

        (await States(client, id)).Should().OnlyContain(s => s.State == "sent");
    }
}

public sealed class ReminderReplanTestsOnPostgreSql() : ReminderReplanTests(TestStorage.PostgreSql);
