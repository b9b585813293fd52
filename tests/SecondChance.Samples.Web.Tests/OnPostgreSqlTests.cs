using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

// The web tests that read and write cases, run again with the app storing in PostgreSQL.

public class CaseApiTestsOnPostgreSql(PostgreSqlWebAppFactory factory) : CaseApiTests(factory), IClassFixture<PostgreSqlWebAppFactory>;

public class ConcurrencyTestsOnPostgreSql(PostgreSqlWebAppFactory factory) : ConcurrencyTests(factory), IClassFixture<PostgreSqlWebAppFactory>;

public class IdempotencyTestsOnPostgreSql(PostgreSqlWebAppFactory factory) : IdempotencyTests(factory), IClassFixture<PostgreSqlWebAppFactory>;

public class RuleSetTestsOnPostgreSql(PostgreSqlWebAppFactory factory) : RuleSetTests(factory), IClassFixture<PostgreSqlWebAppFactory>;

public class TenancyTestsOnPostgreSql(PostgreSqlWebAppFactory factory) : TenancyTests(factory), IClassFixture<PostgreSqlWebAppFactory>;

public class PersistenceTestsOnPostgreSql : PersistenceTests
{
    protected override TestStorage Storage => TestStorage.PostgreSql;
}

public class AgendaPagingTestsOnPostgreSql : AgendaPagingTests
{
    protected override TestStorage Storage => TestStorage.PostgreSql;
}

public class IdempotencyExpiryTestsOnPostgreSql : IdempotencyExpiryTests
{
    protected override TestStorage Storage => TestStorage.PostgreSql;
}
