using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using Npgsql;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class StorageFaultTests
{
    [Fact]
    public async Task PostgreSql_HostsStartingTogetherOnAnEmptyDatabase_OneMigratesTheOthersWait()
    {
        var directory = TempDirectory.Create();
        try
        {
            var settings = TestPostgres.Settings(TestStorage.PostgreSql, directory);
            var stores = Enumerable.Range(0, 4).Select(_ => PostgreSql(settings)).ToList();

            await Task.WhenAll(stores.Select(s => Task.Run(s.Initialize)));

            var database = TestPostgres.DatabaseFor(directory);
            await using var connection = new NpgsqlConnection(settings["ConnectionStrings:SecondChance"]);
            await connection.OpenAsync();
            await using var journal = new NpgsqlCommand("SELECT scriptname FROM schemaversions ORDER BY scriptname;", connection);
            var applied = new List<string>();
            await using (var reader = await journal.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    applied.Add(reader.GetString(0));
                }
            }

            applied.Should().Equal(PostgreSqlCaseStore.Migrations.Select(SchemaMigrator.ScriptName));
            foreach (var store in stores)
            {
                (await store.IsReachableAsync(CancellationToken.None)).Should().BeTrue();
                await store.DisposeAsync();
            }

            database.Should().StartWith("sc_test_");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task Sqlite_HostsStartingTogetherOnANewFile_OneMigratesTheOthersWait()
    {
        var directory = TempDirectory.Create();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestPostgres.Settings(TestStorage.Sqlite, directory)).Build();
            var stores = Enumerable.Range(0, 4).Select(_ => new SqliteCaseStore(
                configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = directory }, Options.Create(new StorageOptions()), new FakeClock(Instant.FromUtc(2026, 3, 10, 12, 0)))).ToList();

            await Task.WhenAll(stores.Select(s => Task.Run(s.Initialize)));

            var applied = await Database.Scalar(directory, "SELECT group_concat(ScriptName, ',') FROM (SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName);");
            applied.Should().Be(string.Join(',', SqliteCaseStore.Migrations.Select(SchemaMigrator.ScriptName)));
            foreach (var store in stores)
            {
                (await store.IsReachableAsync(CancellationToken.None)).Should().BeTrue();
                await store.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task PostgreSql_DatabaseWithStepsThisAppDoesNotKnow_RefusesToStart()
    {
        var directory = TempDirectory.Create();
        try
        {
            var settings = TestPostgres.Settings(TestStorage.PostgreSql, directory);
            await using (var first = PostgreSql(settings))
            {
                first.Initialize();
            }

            TestPostgres.Execute(TestPostgres.DatabaseFor(directory), "INSERT INTO schemaversions (scriptname, applied) VALUES ('0099', now());");
            await using var second = PostgreSql(settings);

            second.Invoking(s => s.Initialize()).Should().Throw<InvalidOperationException>().WithMessage("*0099*newer version*");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public async Task PostgreSql_DatabaseLostMidway_Requests503ProblemJson_NothingHalfWritten_RecoversWhenBack()
    {
        using var factory = new PostgreSqlWebAppFactory();
        var client = factory.ClientFor(WebAppFactory.AcmeKey);
        var id = await client.CreateCase();
        var database = TestPostgres.DatabaseFor(factory.Directory);

        // The server refuses new sessions to the database and ends the open ones, as when it goes away.
        TestPostgres.Execute("postgres", $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false;");
        TestPostgres.Execute("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';");
        HttpResponseMessage read, write, ready;
        try
        {
            read = await client.GetAsync($"/api/cases/{id}");
            write = await client.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""", "during-outage");
            ready = await client.GetAsync("/readyz");
        }
        finally
        {
            TestPostgres.Execute("postgres", $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true;");
        }

        foreach (var response in new[] { read, write, ready })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        read.Headers.RetryAfter.Should().NotBeNull();
        (await client.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(4);
        using var retried = await client.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "NoChange" }""", "during-outage");
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetCase(id)).GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostgreSql_UnreachableAtStart_ExitCode1WithAClearMessageAndNoStackTrace()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SecondChance.Samples.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Storage__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__SecondChance"] = $"Host=127.0.0.1;Port={closedPort};Database=secondchance;Username=app;Timeout=5";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var all = await output + await error;

        process.ExitCode.Should().Be(1, all);
        (await error).Should().Contain($"Cannot reach the PostgreSQL database 'secondchance' on 127.0.0.1:{closedPort}").And.Contain("ConnectionStrings:SecondChance");
        all.Should().NotContain(" at SecondChance").And.NotContain("Unhandled exception");
    }

    [Fact]
    public async Task PostgreSql_TwoHosts_CasesAndAgendaReadTheSameFromEither()
    {
        var directory = TempDirectory.Create();
        try
        {
            using var first = new WebAppFactory(directory, storage: TestStorage.PostgreSql);
            using var second = new WebAppFactory(directory, storage: TestStorage.PostgreSql);
            var a = first.ClientFor(WebAppFactory.AcmeKey);
            var b = second.ClientFor(WebAppFactory.AcmeKey);
            var due = await a.CreateCase(ApiCalls.JustNotified("Sam Lee", "Fabrikam", "2026-03-09"));
            var other = await b.CreateCase(ApiCalls.JustNotified("Kim Park", "Northwind", "2026-03-09"));

            var before = await b.GetStringAsync("/api/agenda?on=2026-03-10"); // kept by the second host
            (await a.PostEvent(due, """{ "type": "Closed", "on": "2026-03-10", "reason": "TookOtherJob" }""")).EnsureSuccessStatusCode();
            var afterOnSecond = await b.GetStringAsync("/api/agenda?on=2026-03-10");
            var afterOnFirst = await a.GetStringAsync("/api/agenda?on=2026-03-10");

            before.Should().Contain(due).And.Contain(other);
            afterOnSecond.Should().NotContain(due).And.Contain(other, "a write on one host changes the agenda the other host serves");
            afterOnSecond.Should().Be(afterOnFirst);
            (await b.GetCaseText(due)).Should().Be(await a.GetCaseText(due));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private static PostgreSqlCaseStore PostgreSql(IReadOnlyDictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Options.Create(new StorageOptions()), new FakeClock(Instant.FromUtc(2026, 3, 10, 12, 0)));
}
