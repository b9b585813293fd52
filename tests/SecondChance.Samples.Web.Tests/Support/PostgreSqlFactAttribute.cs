namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>
/// A test that needs the PostgreSQL server named by SECONDCHANCE_TEST_POSTGRES: skipped, saying why,
/// when no server is given (<c>./test.sh</c> always starts one, so in CI it runs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestPostgres.Variable) is not { Length: > 0 })
        {
            Skip = $"No PostgreSQL server to run on: {TestPostgres.Variable} is not set. ./test.sh starts a throwaway server and sets it.";
        }
    }
}
