using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// The guarantees every <see cref="ICaseStore"/> keeps, checked on the store itself. Documents here are
/// plain lines of text: the store never reads them, it only keeps them with their version.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();
    private readonly List<IDisposable> _stores = [];

    protected StoreContractTests(TestStorage storage) => Storage = storage;

    protected TestStorage Storage { get; }

    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 10, 12, 0));

    [Fact]
    public async Task CreatedCase_ReadsBackAtVersionOne_OnlyForItsTenant()
    {
        var store = Open();

        await store.CreateAsync("acme", "c1", Row("created"), CancellationToken.None);

        (await store.GetAsync("acme", "c1", CancellationToken.None)).Should().Be(new StoredCase("c1", "created", 1));
        (await store.GetAsync("globex", "c1", CancellationToken.None)).Should().BeNull();
        (await store.IsReachableAsync(CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task DocumentBeyondAscii_ReadsBackExactly_AfterCreateAndAppend()
    {
        var store = Open();
        const string First = "Zoë Łukasik, 東京 \U0001F680";
        await store.CreateAsync("acme", "c1", new CaseRow(Encoding.UTF8.GetBytes(First), "Zoë", "東京", null, "v1", "Asia/Tokyo"), CancellationToken.None);

        (await store.GetAsync("acme", "c1", CancellationToken.None))!.Document.Should().Be(First);
        (await Append(store, "acme", "c1", "Ünïcode ✓")).Outcome.Should().Be(AppendOutcome.Recorded);
        (await store.GetAsync("acme", "c1", CancellationToken.None))!.Document.Should().Be(First + "\nÜnïcode ✓");
    }

    [Fact]
    public async Task GetIfChanged_LeavesTheDocumentOut_OnlyAtTheVersionGiven()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);

        (await store.GetIfChangedAsync("acme", "c1", 0, CancellationToken.None)).Should().Be(new CaseReading(1, "a"));
        (await store.GetIfChangedAsync("acme", "c1", 1, CancellationToken.None)).Should().Be(new CaseReading(1, null));
        (await Append(store, "acme", "c1", "b")).Outcome.Should().Be(AppendOutcome.Recorded);
        (await store.GetIfChangedAsync("acme", "c1", 1, CancellationToken.None)).Should().Be(new CaseReading(2, "a\nb"));
        (await store.GetIfChangedAsync("acme", "c1", 2, CancellationToken.None)).Should().Be(new CaseReading(2, null));
        (await store.GetIfChangedAsync("globex", "c1", 0, CancellationToken.None)).Should().BeNull();
        (await store.GetIfChangedAsync("acme", "missing", 1, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Append_DecidesOverTheKnownCase_OnlyWhileItIsTheStoredVersion()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);
        var known = (await store.GetAsync("acme", "c1", CancellationToken.None))!;
        var seen = new List<CaseReading>();
        AppendStep Decide(CaseReading current)
        {
            seen.Add(current);
            var document = current.Document ?? known.Document; // left out only at the version held
            return AppendStep.Write(Row(document + "\n+"), Encoding.UTF8.GetBytes(document + "\n+"), new IdempotencyRecord(200, 2, Clock.GetCurrentInstant().InUtc().Date));
        }

        (await store.AppendAsync(new AppendRequest("acme", "c1", null, [1], known.Version), Decide, CancellationToken.None)).Outcome.Should().Be(AppendOutcome.Recorded);
        (await store.AppendAsync(new AppendRequest("acme", "c1", null, [2], known.Version), Decide, CancellationToken.None)).Outcome.Should().Be(AppendOutcome.Recorded);

        seen[0].Should().Be(new CaseReading(1, null), "at the known version the document is not read again");
        seen[^1].Should().Be(new CaseReading(2, "a\n+"), "a known case at an older version is read afresh, and the write is decided over that");
        (await store.GetAsync("acme", "c1", CancellationToken.None)).Should().Be(new StoredCase("c1", "a\n+\n+", 3));
        await FluentActions.Awaiting(() => store.AppendAsync(new AppendRequest("acme", "c1", null, [3], -1), Decide, CancellationToken.None))
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*'c1'*");
    }

    [Fact]
    public async Task IdempotencyKey_OverTheKnownCase_StillReplays_RefusesAnother_AndWinsOverARejection()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);
        var first = (await store.GetAsync("acme", "c1", CancellationToken.None))!;

        var recorded = await Append(store, "acme", "c1", "b", key: "k1", known: first);
        var now = (await store.GetAsync("acme", "c1", CancellationToken.None))!; // what a host's cache holds after its own write
        var replay = await Append(store, "acme", "c1", "b", key: "k1", known: now);
        var reuse = await Append(store, "acme", "c1", "c", key: "k1", known: now);
        var rejectedRetry = await store.AppendAsync(new AppendRequest("acme", "c1", "k1", IdempotencyKeys.Hash("b"), now.Version),
            _ => AppendStep.Reject([new Validation.CaseError("events[2].on", "too early")]), CancellationToken.None);

        recorded.Outcome.Should().Be(AppendOutcome.Recorded);
        replay.Outcome.Should().Be(AppendOutcome.Replayed, "a retry is never recorded twice, even when the host holds the case it wrote");
        replay.Replay.Should().Be(new IdempotencyRecord(200, 2, new LocalDate(2026, 3, 10)));
        reuse.Outcome.Should().Be(AppendOutcome.KeyReused);
        rejectedRetry.Outcome.Should().Be(AppendOutcome.Replayed, "the first answer is replayed even when the event would no longer be accepted");
        (await store.GetAsync("acme", "c1", CancellationToken.None)).Should().Be(new StoredCase("c1", "a\nb", 2));
    }

    [Fact]
    public async Task AWriteThatBreaksAConstraint_FailsAlone_TheWritesBesideItAreRecorded()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 8).Select(n => $"c{n}").ToList();
        foreach (var id in ids)
        {
            await store.CreateAsync("acme", id, Row("a"), CancellationToken.None);
        }

        // Writes to other cases at the same moment as creates of ids already taken: on SQLite they share commits.
        var appends = ids.SelectMany(id => Enumerable.Range(0, 5).Select(n => Task.Run(() => Append(store, "acme", id, $"e{n}", key: $"{id}-{n}")))).ToList();
        var duplicates = ids.Select(id => Task.Run(() => store.CreateAsync("acme", id, Row("again"), CancellationToken.None))).ToList();
        var results = await Task.WhenAll(appends);

        results.Should().OnlyContain(r => r.Outcome == AppendOutcome.Recorded);
        foreach (var duplicate in duplicates)
        {
            await FluentActions.Awaiting(() => duplicate).Should().ThrowAsync<Exception>();
        }

        foreach (var id in ids)
        {
            var stored = (await store.GetAsync("acme", id, CancellationToken.None))!;
            stored.Document.Split('\n').Should().BeEquivalentTo(["a", "e0", "e1", "e2", "e3", "e4"]);
            stored.Version.Should().Be(6);
        }
    }

    [Fact]
    public async Task CandidateLink_IsActiveForItsTenantAndCase_UntilRevoked()
    {
        var store = Open();
        await store.AddLinkAsync("acme", "c1", "l1", Clock.GetCurrentInstant().Plus(Duration.FromDays(30)), CancellationToken.None);

        (await store.IsLinkActiveAsync("acme", "c1", "l1", CancellationToken.None)).Should().BeTrue();
        (await store.IsLinkActiveAsync("globex", "c1", "l1", CancellationToken.None)).Should().BeFalse();
        (await store.IsLinkActiveAsync("acme", "c2", "l1", CancellationToken.None)).Should().BeFalse();
        (await store.RevokeLinkAsync("globex", "c1", "l1", CancellationToken.None)).Should().BeFalse();
        (await store.RevokeLinkAsync("acme", "c1", "l1", CancellationToken.None)).Should().BeTrue();
        (await store.IsLinkActiveAsync("acme", "c1", "l1", CancellationToken.None)).Should().BeFalse();
        (await store.RevokeLinkAsync("acme", "c1", "missing", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task Append_WritesOverTheVersionRead_AndBumpsTheVersion()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);

        var result = await Append(store, "acme", "c1", "b");

        result.Outcome.Should().Be(AppendOutcome.Recorded);
        Encoding.UTF8.GetString(result.ResponseBody!).Should().Be("a\nb");
        (await store.GetAsync("acme", "c1", CancellationToken.None)).Should().Be(new StoredCase("c1", "a\nb", 2));
        (await Append(store, "acme", "missing", "b")).Outcome.Should().Be(AppendOutcome.NotFound);
    }

    [Fact]
    public async Task RejectedStep_WritesNothing()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);

        var result = await store.AppendAsync(new AppendRequest("acme", "c1", "k", [1]), _ => AppendStep.Reject([new Validation.CaseError("events[1].on", "too early")]), CancellationToken.None);

        result.Outcome.Should().Be(AppendOutcome.Rejected);
        result.Errors.Should().ContainSingle(e => e.Field == "events[1].on");
        (await store.GetAsync("acme", "c1", CancellationToken.None))!.Version.Should().Be(1);
        (await Append(store, "acme", "c1", "b", key: "k")).Outcome.Should().Be(AppendOutcome.Recorded);
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheSameRequest_RefusesAnother_IsScopedToTenantAndCase()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);
        await store.CreateAsync("globex", "c1", Row("a"), CancellationToken.None);

        (await Append(store, "acme", "c1", "b", key: "k1")).Outcome.Should().Be(AppendOutcome.Recorded);
        var replay = await Append(store, "acme", "c1", "b", key: "k1");
        var reuse = await Append(store, "acme", "c1", "c", key: "k1");
        var otherTenant = await Append(store, "globex", "c1", "b", key: "k1");

        replay.Outcome.Should().Be(AppendOutcome.Replayed);
        replay.Replay.Should().Be(new IdempotencyRecord(200, 2, new LocalDate(2026, 3, 10)));
        reuse.Outcome.Should().Be(AppendOutcome.KeyReused);
        otherTenant.Outcome.Should().Be(AppendOutcome.Recorded);
        (await store.GetAsync("acme", "c1", CancellationToken.None))!.Document.Should().Be("a\nb");
    }

    [Fact]
    public async Task ExpiredKeys_AreForgottenAndPurged()
    {
        var store = Open();
        await store.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);
        await Append(store, "acme", "c1", "b", key: "k1");

        Clock.AdvanceHours(25);
        var purged = await store.PurgeExpiredKeysAsync(Clock.GetCurrentInstant(), CancellationToken.None);
        var again = await Append(store, "acme", "c1", "b", key: "k1");

        purged.Should().Be(1);
        again.Outcome.Should().Be(AppendOutcome.Recorded);
        (await store.GetAsync("acme", "c1", CancellationToken.None))!.Document.Should().Be("a\nb\nb");
    }

    [Fact]
    public async Task TwoHostsWritingOneCase_NoAcknowledgedEventIsLost()
    {
        var first = Open();
        var second = Open();
        await first.CreateAsync("acme", "c1", Row("start"), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(n => Task.Run(() =>
            Append(n % 2 == 0 ? first : second, "acme", "c1", $"event {n}", key: $"key {n}"))));

        var recorded = Enumerable.Range(0, 40).Where(n => results[n].Outcome == AppendOutcome.Recorded).Select(n => $"event {n}").ToList();
        results.Select(r => r.Outcome).Should().OnlyContain(o => o == AppendOutcome.Recorded || o == AppendOutcome.Conflict);
        recorded.Should().NotBeEmpty();
        var stored = (await second.GetAsync("acme", "c1", CancellationToken.None))!;
        stored.Document.Split('\n').Skip(1).Should().BeEquivalentTo(recorded);
        stored.Version.Should().Be(1 + recorded.Count);
    }

    [Fact]
    public async Task Due_PagesInDueDateThenIdOrder_OpenCasesOnly()
    {
        var store = Open();
        await store.CreateAsync("acme", "b", Row("b", "2026-03-09"), CancellationToken.None);
        await store.CreateAsync("acme", "a", Row("a", "2026-03-09"), CancellationToken.None);
        await store.CreateAsync("acme", "c", Row("c", "2026-03-01"), CancellationToken.None);
        await store.CreateAsync("acme", "later", Row("later", "2026-04-01"), CancellationToken.None);
        await store.CreateAsync("acme", "closed", Row("closed", null), CancellationToken.None);
        await store.CreateAsync("globex", "g", Row("g", "2026-03-01"), CancellationToken.None);

        var first = await store.DueAsync("acme", "2026-03-10", null, 2, CancellationToken.None);
        var rest = await store.DueAsync("acme", "2026-03-10", first[^1].Position, 2, CancellationToken.None);

        first.Select(d => d.Case.Id).Should().Equal("c", "a");
        rest.Select(d => d.Case.Id).Should().Equal("b");
        first[0].TimeZone.Should().Be("Europe/Paris");
    }

    [Fact]
    public async Task TenantVersion_ChangesWithEveryWrite_FromAnyHost()
    {
        var first = Open();
        var second = Open();
        var before = await first.TenantVersionAsync("acme", CancellationToken.None);

        await second.CreateAsync("acme", "c1", Row("a"), CancellationToken.None);
        var afterCreate = await first.TenantVersionAsync("acme", CancellationToken.None);
        await Append(second, "acme", "c1", "b");
        var afterAppend = await first.TenantVersionAsync("acme", CancellationToken.None);

        afterCreate.Should().NotBe(before);
        afterAppend.Should().NotBe(afterCreate);
        (await first.TenantVersionAsync("globex", CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task RefreshDerived_RecomputesOnlyRowsOfOtherRules()
    {
        var store = Open();
        await store.CreateAsync("acme", "old", Row("old", "2026-08-01") with { Rules = "v1" }, CancellationToken.None);
        await store.CreateAsync("acme", "new", Row("new", "2026-08-01") with { Rules = "v2" }, CancellationToken.None);

        var changed = store.RefreshDerived("acme", "v2", (_, document) => Row(document, "2026-03-01") with { Rules = "v2" });

        changed.Should().Be(1);
        (await store.DueAsync("acme", "2026-03-31", null, 10, CancellationToken.None)).Select(d => d.Case.Id).Should().Equal("old");
    }

    [Fact]
    public async Task RefreshDerived_CommitsEachBatchBeforeTheNext_AndLeavesWhatItCannotDerive()
    {
        var store = Open(new StorageOptions { RecomputeBatchSize = 2 });
        var otherHost = Open();
        foreach (var n in Enumerable.Range(0, 7))
        {
            await store.CreateAsync("acme", $"c{n}", Row($"doc {n}", "2026-08-01") with { Rules = "v1" }, CancellationToken.None);
        }

        // While a case is recomputed, another host sharing the database sees every batch before this one.
        var committed = new List<int>();
        var changed = store.RefreshDerived("acme", "v2", (id, document) =>
        {
            committed.Add(Recomputed(otherHost).Count);
            return id == "c3" ? null : Row(document, "2026-03-01") with { Rules = "v2" };
        });

        changed.Should().Be(6);
        committed.Should().Equal(0, 0, 2, 2, 3, 3, 5);
        Recomputed(otherHost).Should().Equal("c0", "c1", "c2", "c4", "c5", "c6");
        store.RefreshDerived("acme", "v2", (id, _) => id == "c3" ? null : throw new InvalidOperationException($"case {id} was recomputed again")).Should().Be(0);
    }

    [Fact]
    public void RecomputeBatchSize_BelowOne_IsRejectedNamingTheSetting()
    {
        FluentActions.Invoking(() => Open(new StorageOptions { RecomputeBatchSize = 0 }))
            .Should().Throw<InvalidOperationException>().WithMessage("*Storage:RecomputeBatchSize*at least 1*");
    }

    [Fact]
    public async Task Documents_StreamsEveryCaseOfTheTenant()
    {
        var store = Open();
        foreach (var n in Enumerable.Range(0, 5))
        {
            await store.CreateAsync("acme", $"c{n}", Row($"doc {n}"), CancellationToken.None);
        }

        var documents = new List<string>();
        await foreach (var document in store.DocumentsAsync("acme", CancellationToken.None))
        {
            documents.Add(document);
        }

        documents.Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(n => $"doc {n}"));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a store on this test's database, as one host would, and brings its schema up to date.</summary>
    protected ICaseStore Open(StorageOptions? options = null)
    {
        var store = TestStores.Open(Storage, _directory, Clock, options);
        _stores.Add((IDisposable)store);
        return store;
    }

    // The cases the refresh gave its new due date (1 March; the others stay due in August).
    private static List<string> Recomputed(ICaseStore store) =>
        [.. store.DueAsync("acme", "2026-03-31", null, 100, CancellationToken.None).GetAwaiter().GetResult().Select(d => d.Case.Id)];

    protected static CaseRow Row(string document, string? nextDue = "2026-08-06") =>
        new(document, "Alex Rivera", "Contoso", nextDue, "v1", "Europe/Paris");

    // Appends a line to the document, as the host appends an event to the history it read.
    private Task<AppendResult> Append(ICaseStore store, string tenant, string id, string line, string? key = null, StoredCase? known = null) =>
        store.AppendAsync(new AppendRequest(tenant, id, key, IdempotencyKeys.Hash(line), known?.Version ?? 0), current =>
        {
            var document = current.Document ?? known!.Document; // left out only at the version held
            return AppendStep.Write(Row(document + "\n" + line), Encoding.UTF8.GetBytes(document + "\n" + line), new IdempotencyRecord(200, document.Split('\n').Length + 1, Clock.GetCurrentInstant().InUtc().Date));
        },
            CancellationToken.None);
}

public sealed class StoreContractTestsOnSqlite() : StoreContractTests(TestStorage.Sqlite)
{
    [Fact]
    public async Task Document_IsStoredAsText_AsWrittenFromUtf8()
    {
        // The row's UTF-8 is bound as a blob and cast to text in the statement: the column must still hold text.
        var store = (SqliteCaseStore)Open();
        await store.CreateAsync("acme", "c1", Row("{\"name\":\"Zoë\"}"), CancellationToken.None);

        using var connection = new SqliteConnection($"Data Source={store.Location};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(document), document, length(document) FROM cases WHERE id = 'c1';";
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();
        reader.GetString(0).Should().Be("text");
        reader.GetString(1).Should().Be("{\"name\":\"Zoë\"}");
        reader.GetInt64(2).Should().Be(14, "length counts characters of text, not bytes");
    }
}

public sealed class StoreContractTestsOnPostgreSql() : StoreContractTests(TestStorage.PostgreSql);
