using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using NodaTime;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Links;

/// <summary>
/// Issues, checks and revokes candidate links: a token signed and encrypted with ASP.NET Core Data
/// Protection (time-limited) that names one tenant, one case and the link's id. The token carries
/// everything needed to check it; the store only records which links were issued and which revoked,
/// so a revoked link stops working at once although its signature is still good.
/// </summary>
public sealed class CandidateLinks
{
    /// <summary>The longest a link may be valid for, in days.</summary>
    public const int MaxValidForDays = 90;

    /// <summary>How long a link is valid for when the request does not say, in days.</summary>
    public const int DefaultValidForDays = 30;

    private const string Purpose = "SecondChance.CandidateLink.v1";

    private readonly ITimeLimitedDataProtector _protector;
    private readonly IClock _clock;
    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;

    public CandidateLinks(IDataProtectionProvider protection, IClock clock, CaseStore cases)
    {
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(cases);
        _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = cases.DatabasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        _schema = new Lazy<bool>(CreateSchema);
    }

    /// <summary>Issues a link to <paramref name="caseId"/> of <paramref name="tenant"/>, valid for <paramref name="validFor"/>.</summary>
    public async Task<(CandidateLink Link, string Token)> IssueAsync(string tenant, string caseId, Duration validFor, CancellationToken cancellationToken)
    {
        var expires = _clock.GetCurrentInstant().Plus(validFor).ToDateTimeOffset();
        var link = new CandidateLink(Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(), tenant, caseId, expires);

        // The protector's own expiry runs on the system clock; the payload's, checked below, on the host's clock.
        var token = _protector.Protect(JsonSerializer.Serialize(link), DateTimeOffset.UtcNow + validFor.ToTimeSpan());
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO candidate_links (id, tenant, case_id, expires_at, revoked) VALUES ($id, $tenant, $case, $expires, 0);";
        insert.Parameters.AddWithValue("$id", link.Id);
        insert.Parameters.AddWithValue("$tenant", tenant);
        insert.Parameters.AddWithValue("$case", caseId);
        insert.Parameters.AddWithValue("$expires", expires.ToUnixTimeSeconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return (link, token);
    }

    /// <summary>Returns the link a token stands for, or <see langword="null"/> when it is malformed, tampered with, expired or revoked.</summary>
    public async Task<CandidateLink?> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048)
        {
            return null;
        }

        CandidateLink? link;
        try
        {
            link = JsonSerializer.Deserialize<CandidateLink>(_protector.Unprotect(token, out _));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }

        if (link is null || link.ExpiresAt <= _clock.GetCurrentInstant().ToDateTimeOffset())
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT revoked FROM candidate_links WHERE id = $id AND tenant = $tenant AND case_id = $case;";
        read.Parameters.AddWithValue("$id", link.Id);
        read.Parameters.AddWithValue("$tenant", link.Tenant);
        read.Parameters.AddWithValue("$case", link.CaseId);
        return await read.ExecuteScalarAsync(cancellationToken) is long revoked && revoked == 0 ? link : null;
    }

    /// <summary>Revokes a link of the tenant's case; returns whether there was such a link.</summary>
    public async Task<bool> RevokeAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE candidate_links SET revoked = 1 WHERE id = $id AND tenant = $tenant AND case_id = $case;";
        update.Parameters.AddWithValue("$id", linkId);
        update.Parameters.AddWithValue("$tenant", tenant);
        update.Parameters.AddWithValue("$case", caseId);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private bool CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS candidate_links (
                id         TEXT    NOT NULL PRIMARY KEY,
                tenant     TEXT    NOT NULL,
                case_id    TEXT    NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked    INTEGER NOT NULL
            ) WITHOUT ROWID;
            """;
        create.ExecuteNonQuery();
        return true;
    }
}
