using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

public class PersistenceTests
{
    /// <summary>Gets the database the hosts store in.</summary>
    protected virtual TestStorage Storage => TestStorage.Sqlite;

    [Fact]
    public async Task CasesAndIdempotencyKeys_SurviveARestartOnTheSameFile()
    {
        var directory = TempDirectory.Create();
        try
        {
            string id, firstAnswer;
            using (var first = new WebAppFactory(directory, storage: Storage))
            {
                var client = first.ClientFor(WebAppFactory.AcmeKey);
                id = await client.CreateCase();
                using var response = await client.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "RoleReopened" }""", "before-restart");
                firstAnswer = await response.Content.ReadAsStringAsync();
            }

            using var second = new WebAppFactory(directory, storage: Storage);
            var again = second.ClientFor(WebAppFactory.AcmeKey);
            var stored = await again.GetCase(id);
            using var replay = await again.PostEvent(id, """{ "type": "FollowUpMade", "on": "2026-03-10", "outcome": "RoleReopened" }""", "before-restart");
            var agenda = await (await again.GetAsync("/api/agenda?on=2026-03-31")).ReadJson();

            stored.GetProperty("case").GetProperty("events").GetArrayLength().Should().Be(5);
            stored.GetProperty("next").GetProperty("action").GetString().Should().Be("AwaitApproach");
            (await replay.Content.ReadAsStringAsync()).Should().Be(firstAnswer);
            agenda.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal(id);
            File.Exists(Path.Combine(directory, "cases.db")).Should().Be(Storage == TestStorage.Sqlite);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
