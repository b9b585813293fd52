using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// The reminder outbox on each provider, checked on the store and the outbox themselves: rows written with the
/// case write or not at all, queued by sweeps per bucket range, claimed once under a lease, taken over when a
/// lease runs out; and a database at the previous schema version migrated to this one with its data.
/// </summary>
public abstract class OutboxContractTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private readonly string _directory = TempDirectory.Create();
    private readonly List<IDisposable> _disposables = [];

    protected OutboxContractTests(TestStorage storage) => Storage = storage;

    protected TestStorage Storage { get; }

    protected FakeClock Clock { get; } = new(Now);

    [Fact]
    public async Task CaseWrite_CarriesItsReminder_AndAFailedWriteLeavesNeitherCaseNorReminder()
    {
        var (store, outbox) = Open();
        await store.CreateAsync("acme", "c1", Row("rem_1", Now) with { Intake = Delivery("evt-1") }, CancellationToken.None);

        (await outbox.ForCaseAsync("acme", "c1", CancellationToken.None)).Should().ContainSingle()
            .Which.Should().Match<OutboxMessage>(m => m.ReminderId == "rem_1" && m.Channel == "webhook" && m.State == OutboxState.Pending && m.Attempts == 0);

        // The same ATS delivery again under another case id: the delivery record is unique, so the whole write fails.
        var again = () => store.CreateAsync("acme", "c2", Row("rem_2", Now) with { Intake = Delivery("evt-1") }, CancellationToken.None);
        await again.Should().ThrowAsync<Exception>();
        (await store.GetAsync("acme", "c2", CancellationToken.None)).Should().BeNull();
        (await outbox.ForCaseAsync("acme", "c2", CancellationToken.None)).Should().BeEmpty();

        // A rejected event writes no reminder either.
        var rejected = await store.AppendAsync(new AppendRequest("acme", "c1", null, [1]), _ => AppendStep.Reject([new Validation.CaseError("events[1].on", "too early")]), CancellationToken.None);
        rejected.Outcome.Should().Be(AppendOutcome.Rejected);
        (await outbox.ForCaseAsync("acme", "c1", CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task Append_WithTheNextReminder_SupersedesTheUnsentOne_AndTheSameReminderTwiceIsQueuedOnce()
    {
        var (store, outbox) = Open();
        await store.CreateAsync("acme", "c1", Row("rem_1", Now), CancellationToken.None);

        (await Append(store, "c1", Row("rem_2", Now))).Outcome.Should().Be(AppendOutcome.Recorded);
        (await Append(store, "c1", Row("rem_2", Now))).Outcome.Should().Be(AppendOutcome.Recorded);

        var rows = await outbox.ForCaseAsync("acme", "c1", CancellationToken.None);
        rows.Select(r => (r.ReminderId, r.State)).Should().BeEquivalentTo(new[] { ("rem_2", OutboxState.Pending), ("rem_1", OutboxState.Superseded) });
    }

    [Fact]
    public async Task Sweep_QueuesOnlyDueRows_OfItsTenantAndBucketRange_Once()
    {
        var (store, outbox) = Open();
        var ids = Enumerable.Range(0, 40).Select(i => "case-" + i).ToList();
        foreach (var id in ids)
        {
            await store.CreateAsync("acme", id, Row("rem_" + id, Now), CancellationToken.None);
        }

        await store.CreateAsync("acme", "later", Row("rem_later", Now + Duration.FromHours(1)), CancellationToken.None);
        await store.CreateAsync("globex", "g", Row("rem_g", Now), CancellationToken.None);
        var (from, to) = CaseBuckets.Range(0, 2);

        var queued = await outbox.EnqueueDueAsync("acme", from, to, Now, CancellationToken.None);

        queued.Should().Be(ids.Count(id => CaseBuckets.Of(id) < to));
        (await outbox.EnqueueDueAsync("acme", from, to, Now, CancellationToken.None)).Should().Be(0, "a queued row is not queued again");
        (await outbox.EnqueueDueAsync("acme", to, CaseBuckets.Count, Now, CancellationToken.None)).Should().Be(ids.Count - queued);
        var claimed = await outbox.ClaimAsync("acme", 0, CaseBuckets.Count, "host-a", Now, Duration.FromMinutes(5), 1000, CancellationToken.None);
        claimed.Select(m => m.CaseId).Should().BeEquivalentTo(ids, "the later reminder and the other tenant's were not queued");
    }

    [Fact]
    public async Task TwoClaimersAtOnce_NeverGetTheSameRow_AndTogetherGetEveryRow()
    {
        var (store, outbox) = Open();
        var ids = Enumerable.Range(0, 120).Select(i => "case-" + i).ToList();
        foreach (var id in ids)
        {
            await store.CreateAsync("acme", id, Row("rem_" + id, Now), CancellationToken.None);
        }

        await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now, CancellationToken.None);
        var (_, second) = Open(); // a second store and outbox on the same database, as on another host
        var taken = new ConcurrentBag<(string Owner, string Reminder)>();

        await Task.WhenAll(new[] { ("host-a", outbox), ("host-b", second), ("host-c", outbox), ("host-d", second) }.Select(c => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await c.Item2.ClaimAsync(null, 0, CaseBuckets.Count, c.Item1, Now, Duration.FromMinutes(5), 7, CancellationToken.None);
                foreach (var message in batch)
                {
                    taken.Add((c.Item1, message.ReminderId));
                }

                if (batch.Count == 0)
                {
                    return;
                }
            }
        })));

        taken.Select(t => t.Reminder).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids.Select(id => "rem_" + id));
    }

    [Fact]
    public async Task LeaseOfADeadClaimer_IsTakenOverOnlyAfterItExpires_AndTheDeadClaimerCanNoLongerComplete()
    {
        var (store, outbox) = Open();
        await store.CreateAsync("acme", "c1", Row("rem_1", Now), CancellationToken.None);
        await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now, CancellationToken.None);
        var lease = Duration.FromMinutes(5);

        var dead = (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-that-died", Now, lease, 10, CancellationToken.None)).Should().ContainSingle().Subject;
        (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-b", Now + Duration.FromMinutes(4), lease, 10, CancellationToken.None)).Should().BeEmpty("the lease still holds");
        var takenOver = (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-b", Now + Duration.FromMinutes(6), lease, 10, CancellationToken.None)).Should().ContainSingle().Subject;

        takenOver.ReminderId.Should().Be(dead.ReminderId, "the reminder keeps its id");
        (await outbox.CompleteAsync(dead, "host-that-died", OutboxState.Sent, 1, null, Now + Duration.FromMinutes(7), null, CancellationToken.None)).Should().BeFalse();
        (await outbox.CompleteAsync(takenOver, "host-b", OutboxState.Sent, 1, null, Now + Duration.FromMinutes(7), null, CancellationToken.None)).Should().BeTrue();
        var row = (await outbox.ForCaseAsync("acme", "c1", CancellationToken.None)).Single();
        row.State.Should().Be(OutboxState.Sent);
        row.SentAt.Should().Be(Now + Duration.FromMinutes(7));
        (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-c", Now + Duration.FromHours(1), lease, 10, CancellationToken.None)).Should().BeEmpty("a sent reminder is never claimed again");
    }

    [Fact]
    public async Task ReleasedWithARetryTime_StaysPending_ButNoOneClaimsItBeforeThen_AndParkedRowsFormTheDeliveryLog()
    {
        var (store, outbox) = Open();
        await store.CreateAsync("acme", "c1", Row("rem_1", Now), CancellationToken.None);
        await store.CreateAsync("acme", "c2", Row("rem_2", Now), CancellationToken.None);
        await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now, CancellationToken.None);
        var claimed = await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-a", Now, Duration.FromMinutes(5), 10, CancellationToken.None);
        var first = claimed.Single(m => m.CaseId == "c1");
        var second = claimed.Single(m => m.CaseId == "c2");

        (await outbox.CompleteAsync(first, "host-a", OutboxState.Pending, 2, "circuit open", Now, Now + Duration.FromMinutes(1), CancellationToken.None)).Should().BeTrue();
        (await outbox.CompleteAsync(second, "host-a", OutboxState.Failed, 3, "the receiver answered 500", Now, null, CancellationToken.None)).Should().BeTrue();

        (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-b", Now + Duration.FromSeconds(30), Duration.FromMinutes(5), 10, CancellationToken.None)).Should().BeEmpty();
        (await outbox.ClaimAsync(null, 0, CaseBuckets.Count, "host-b", Now + Duration.FromSeconds(61), Duration.FromMinutes(5), 10, CancellationToken.None))
            .Should().ContainSingle().Which.Attempts.Should().Be(2);
        var log = await outbox.FailedAsync("acme", 10, CancellationToken.None);
        log.Should().ContainSingle().Which.Should().Match<OutboxMessage>(m => m.CaseId == "c2" && m.Attempts == 3 && m.LastError == "the receiver answered 500");
        (await outbox.FailedAsync("globex", 10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task DatabaseAtTheSchemaVersionBeforeTheOutbox_WithACase_MigratesToThisOne_KeepingTheCase()
    {
        var connectionString = Database.MigrateToTheVersionBeforeTheOutbox(Storage, _directory);

        await using (var old = Connect(connectionString))
        {
            await using var insert = old.CreateCommand();
            insert.CommandText = "INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone) VALUES ('acme', 'old', 3, 'kept', 'Alex Rivera', 'Contoso', '2026-08-06', 'v1', 'UTC');";
            await insert.ExecuteNonQueryAsync();
            await using var outboxExists = old.CreateCommand();
            outboxExists.CommandText = "SELECT count(*) FROM reminder_outbox;";
            var before = async () => await outboxExists.ExecuteScalarAsync();
            await before.Should().ThrowAsync<DbException>("the previous version has no outbox");
        }

        var (store, outbox) = Open();

        (await store.GetAsync("acme", "old", CancellationToken.None)).Should().Be(new StoredCase("old", "kept", 3));
        (await Append(store, "old", Row("rem_old", Now))).Outcome.Should().Be(AppendOutcome.Recorded);
        (await outbox.ForCaseAsync("acme", "old", CancellationToken.None)).Should().ContainSingle().Which.ReminderId.Should().Be("rem_old");
        (await store.IsReachableAsync(CancellationToken.None)).Should().BeTrue();
        await using var check = Connect(connectionString);
        await using var quartz = check.CreateCommand();
        quartz.CommandText = "SELECT count(*) FROM qrtz_job_details;";
        Convert.ToInt64(await quartz.ExecuteScalarAsync()).Should().Be(0, "Quartz's tables are there, empty until a scheduler starts");
    }

    [Fact]
    public async Task DatabaseBeforeTheOutbox_WithCases_GetsTheirRemindersAtTheFirstRefresh_AndOnlyThen()
    {
        var connectionString = Database.MigrateToTheVersionBeforeTheOutbox(Storage, _directory);
        await using (var old = Connect(connectionString))
        {
            await using var insert = old.CreateCommand();
            insert.CommandText = """
                INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone) VALUES
                ('acme', 'a', 1, 'doc a', 'Alex Rivera', 'Contoso', '2026-08-06', 'current', 'UTC'),
                ('acme', 'b', 2, 'doc b', 'Sam Okafor', 'Fabrikam', '2026-09-01', 'current', 'UTC');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var (store, outbox) = Open();

        // The rules did not change, yet the upgrade marked every case for one refresh, which plans its reminder.
        var seen = new List<string>();
        store.RefreshDerived("acme", "current", (id, document) =>
        {
            seen.Add(document);
            return Row("rem_" + id, Now) with { Document = document, Rules = "current" };
        }).Should().Be(2);
        seen.Should().BeEquivalentTo("doc a", "doc b");
        foreach (var id in new[] { "a", "b" })
        {
            (await outbox.ForCaseAsync("acme", id, CancellationToken.None)).Should().ContainSingle()
                .Which.Should().Match<OutboxMessage>(m => m.ReminderId == "rem_" + id && m.State == OutboxState.Pending);
            (await store.GetAsync("acme", id, CancellationToken.None))!.Document.Should().Be("doc " + id, "a refresh rewrites derived columns, never the document");
        }

        // The next start (this host's or another's) finds nothing left to refresh, so nothing is written twice.
        store.RefreshDerived("acme", "current", (id, _) => throw new InvalidOperationException($"case {id} was refreshed again")).Should().Be(0);
        (await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now, CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task RefreshWithOtherRules_SupersedesThePendingReminder_KeepsASentOne_AndRunsOnce()
    {
        var (store, outbox) = Open();
        await store.CreateAsync("acme", "moved", Row("rem_old", Now), CancellationToken.None);
        await store.CreateAsync("acme", "sent", Row("rem_sent", Now), CancellationToken.None);
        await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now, CancellationToken.None);
        var claimed = await outbox.ClaimAsync("acme", 0, CaseBuckets.Count, "host-a", Now, Duration.FromMinutes(5), 10, CancellationToken.None);
        (await outbox.CompleteAsync(claimed.Single(m => m.CaseId == "sent"), "host-a", OutboxState.Sent, 1, null, Now, null, CancellationToken.None)).Should().BeTrue();

        // New rules move "moved"'s due date (a new reminder) and leave "sent"'s where it was (the same reminder).
        CaseRow Derive(string id, string document) => Row(id == "moved" ? "rem_new" : "rem_sent", Now + Duration.FromDays(30)) with { Document = document, Rules = "v2" };
        store.RefreshDerived("acme", "v2", Derive).Should().Be(2);
        store.RefreshDerived("acme", "v2", Derive).Should().Be(0);

        (await outbox.ForCaseAsync("acme", "moved", CancellationToken.None)).Select(r => (r.ReminderId, r.State))
            .Should().BeEquivalentTo(new[] { ("rem_new", OutboxState.Pending), ("rem_old", OutboxState.Superseded) });
        (await outbox.ForCaseAsync("acme", "sent", CancellationToken.None)).Should().ContainSingle()
            .Which.Should().Match<OutboxMessage>(m => m.ReminderId == "rem_sent" && m.State == OutboxState.Sent && m.Attempts == 1);

        // The superseded reminder is never claimed again; the new one is claimed once it comes due.
        (await outbox.ClaimAsync("acme", 0, CaseBuckets.Count, "host-b", Now + Duration.FromDays(1), Duration.FromMinutes(5), 10, CancellationToken.None)).Should().BeEmpty();
        (await outbox.EnqueueDueAsync("acme", 0, CaseBuckets.Count, Now + Duration.FromDays(30), CancellationToken.None)).Should().Be(1);
        (await outbox.ClaimAsync("acme", 0, CaseBuckets.Count, "host-b", Now + Duration.FromDays(30), Duration.FromMinutes(5), 10, CancellationToken.None))
            .Should().ContainSingle().Which.ReminderId.Should().Be("rem_new");
    }

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }

        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
        GC.SuppressFinalize(this);
    }

    // The store and its outbox the way the app puts them together.
    private (ICaseStore Store, IReminderOutbox Outbox) Open()
    {
        var store = TestStores.Open(Storage, _directory, Clock);
        _disposables.Add((IDisposable)store);
        var source = StorageProviders.DataSourceFor(store);
        _disposables.Add(source);
        return (store, StorageProviders.OutboxFor(store, source));
    }

    private DbConnection Connect(string connectionString)
    {
        DbConnection connection = Storage == TestStorage.Sqlite
            ? new SqliteConnection(connectionString + ";Pooling=False")
            : new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static CaseRow Row(string reminderId, Instant sendAt) =>
        new CaseRow("doc", "Alex Rivera", "Contoso", "2026-03-10", "v1", "UTC")
        {
            Outbox = new OutboxWrite(reminderId, sendAt, """{ "id": "x" }""", ["webhook"], Now),
        };

    private static IntakeDelivery Delivery(string id) => new("greenhouse", id, "application-1", "runner-up", Now);

    private Task<AppendResult> Append(ICaseStore store, string id, CaseRow row) =>
        store.AppendAsync(new AppendRequest("acme", id, null, IdempotencyKeys.Hash(row.Outbox!.ReminderId!)), current =>
            AppendStep.Write(row, "ok"u8.ToArray(), new IdempotencyRecord(200, 1, Clock.GetCurrentInstant().InUtc().Date)),
            CancellationToken.None);
}

public sealed class OutboxContractTestsOnSqlite() : OutboxContractTests(TestStorage.Sqlite);

public sealed class OutboxContractTestsOnPostgreSql() : OutboxContractTests(TestStorage.PostgreSql);
