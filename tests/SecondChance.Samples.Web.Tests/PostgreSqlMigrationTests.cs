using System.Net;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>A PostgreSQL database written by an older version of the app is brought up to date at start, its cases kept.</summary>
public class PostgreSqlMigrationTests
{
    [Fact]
    public async Task PostgreSql_VersionOneDatabase_IsMigrated_CasesKept()
    {
        var directory = TempDirectory.Create();
        try
        {
            var settings = TestPostgres.Settings(TestStorage.PostgreSql, directory);
            var database = TestPostgres.DatabaseFor(directory);

            // What the first release left: only step 1 in the journal, and a case its rules derived.
            SchemaMigrator.Upgrade(DbUp.DeployChanges.To.PostgresqlDatabase(settings["ConnectionStrings:SecondChance"]), PostgreSqlCaseStore.Migrations.Take(1), "the test database");
            var document = System.Text.Json.JsonDocument.Parse(ApiCalls.AlexCase).RootElement.GetRawText().Replace("'", "''", StringComparison.Ordinal);
            TestPostgres.Execute(database, $"""
                INSERT INTO cases (tenant, id, version, document, candidate, company, next_due, rules, time_zone)
                VALUES ('acme', 'old-case', 3, '{document}', 'Alex Rivera', 'Contoso', '2026-08-06', 'old-rules', 'America/Los_Angeles');
                """);
            TestPostgres.Count(database, "SELECT count(*) FROM schemaversions;").Should().Be(1);

            using var factory = new WebAppFactory(directory, storage: TestStorage.PostgreSql);
            var client = factory.ClientFor(WebAppFactory.AcmeKey);
            var stored = await client.GetCase("old-case");
            using var posted = await client.PostEvent("old-case", """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""", "k");
            var agenda = await (await client.GetAsync("/api/agenda?on=2026-04-01")).ReadJson();
            using var link = await client.PostAsync("/api/cases/old-case/links", ApiCalls.Json("""{ "validForDays": 30 }"""));

            stored.GetProperty("case").GetProperty("candidate").GetString().Should().Be("Alex Rivera");
            stored.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);
            posted.StatusCode.Should().Be(HttpStatusCode.OK);
            agenda.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(["old-case"], "after the follow-up, waiting for an approach is due 2026-04-01");
            link.IsSuccessStatusCode.Should().BeTrue("the candidate links table came with a later step: {0}", await link.Content.ReadAsStringAsync());
            TestPostgres.Count(database, "SELECT count(*) FROM schemaversions;").Should().Be(PostgreSqlCaseStore.Migrations.Count);
            TestPostgres.Count(database, "SELECT version FROM cases WHERE id = 'old-case';").Should().Be(4, "the stored version 3 was kept and the follow-up wrote over it");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
