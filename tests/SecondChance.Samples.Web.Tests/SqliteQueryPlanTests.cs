using Microsoft.Data.Sqlite;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// The statements that run on every write, claim and sweep read only the rows they are about, on SQLite's own
/// plans (which, without statistics, once read a tenant's whole outbox on every case write).
/// </summary>
public sealed class SqliteQueryPlanTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    public static TheoryData<string> HotStatements() =>
    [
        nameof(IntegrationRows.Supersede),
        nameof(IntegrationRows.SqliteSupersede),
        nameof(ReminderOutbox.ForCase),
        nameof(ReminderOutbox.EnqueueDue),
        nameof(SqliteReminderOutbox.Claim),
        nameof(IntakeLog.Find),
        nameof(SqliteCaseStore.SelectCaseAndKey),
        nameof(SqliteCaseStore.Due),
    ];

    [Theory]
    [MemberData(nameof(HotStatements))]
    public void HotStatement_OnTheMigratedSchema_NeverReadsATenantsWholeTable(string statement)
    {
        var plan = Plan(Sql(statement));

        plan.Should().NotBeEmpty();
        plan.Should().NotContain(step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("USING INDEX ix_outbox_claim", StringComparison.Ordinal),
            "a full scan reads every row of the table");
        plan.Should().NotContain(step => step.EndsWith("USING PRIMARY KEY (tenant=?)", StringComparison.Ordinal),
            "a range of the primary key on the tenant alone reads all of that tenant's rows");
    }

    [Fact]
    public void Claim_WalksTheClaimIndexInDueOrder_WithoutSorting()
    {
        var plan = Plan(SqliteReminderOutbox.Claim);

        plan.Should().Contain(step => step.Contains("USING INDEX ix_outbox_claim", StringComparison.Ordinal));
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), "a sort would read every claimable row before taking the first ones");
    }

    [Fact]
    public void AgendaPage_WalksTheAgendaIndexInOrder_WithoutSorting()
    {
        var plan = Plan(SqliteCaseStore.Due);

        plan.Should().ContainSingle().Which.Should().Contain("USING INDEX ix_cases_agenda (tenant=? AND (next_due,id)>(?,?) AND next_due<?)");
    }

    [Theory]
    [InlineData(nameof(IntegrationRows.Supersede))]
    [InlineData(nameof(IntegrationRows.SqliteSupersede))]
    public void Supersede_FindsTheCasesPendingRowsByTheCaseIndex(string statement)
    {
        Plan(Sql(statement)).Should().Contain(step => step.Contains("INDEX ix_outbox_case (tenant=? AND case_id=? AND state=?)", StringComparison.Ordinal));
    }

    [Fact]
    public void SqliteSupersede_NeedsNoTemporaryList()
    {
        Plan(IntegrationRows.SqliteSupersede).Should().ContainSingle("the case's pending rows are found and changed in one pass");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    private static string Sql(string statement) => statement switch
    {
        nameof(IntegrationRows.Supersede) => IntegrationRows.Supersede,
        nameof(IntegrationRows.SqliteSupersede) => IntegrationRows.SqliteSupersede,
        nameof(ReminderOutbox.ForCase) => ReminderOutbox.ForCase,
        nameof(ReminderOutbox.EnqueueDue) => ReminderOutbox.EnqueueDue,
        nameof(SqliteReminderOutbox.Claim) => SqliteReminderOutbox.Claim,
        nameof(IntakeLog.Find) => IntakeLog.Find,
        nameof(SqliteCaseStore.SelectCaseAndKey) => SqliteCaseStore.SelectCaseAndKey,
        nameof(SqliteCaseStore.Due) => SqliteCaseStore.Due,
        _ => throw new ArgumentOutOfRangeException(nameof(statement), statement, "Not a statement of this test."),
    };

    // The plan SQLite chooses for the statement on a database migrated by the store, each step's text.
    private List<string> Plan(string sql)
    {
        TestStores.OpenSqlite(_directory).Dispose();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "cases.db")};Pooling=False");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql.Trim().TrimEnd(';');
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, "[@$][a-z_]+").Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            explain.Parameters.AddWithValue(name, "x");
        }

        using var reader = explain.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
