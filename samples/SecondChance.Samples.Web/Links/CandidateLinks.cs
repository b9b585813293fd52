using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
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
    private readonly ICaseStore _store;

    public CandidateLinks(IDataProtectionProvider protection, IClock clock, ICaseStore cases)
    {
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(cases);
        _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _store = cases;
    }

    /// <summary>Issues a link to <paramref name="caseId"/> of <paramref name="tenant"/>, valid for <paramref name="validFor"/>.</summary>
    public async Task<(CandidateLink Link, string Token)> IssueAsync(string tenant, string caseId, Duration validFor, CancellationToken cancellationToken)
    {
        var expires = _clock.GetCurrentInstant().Plus(validFor).ToDateTimeOffset();
        var link = new CandidateLink(Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(), tenant, caseId, expires);

        // The protector's own expiry runs on the system clock; the payload's, checked below, on the host's clock.
        var token = _protector.Protect(JsonSerializer.Serialize(link), DateTimeOffset.UtcNow + validFor.ToTimeSpan());
        await _store.AddLinkAsync(tenant, caseId, link.Id, Instant.FromDateTimeOffset(expires), cancellationToken);
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

        return await _store.IsLinkActiveAsync(link.Tenant, link.CaseId, link.Id, cancellationToken) ? link : null;
    }

    /// <summary>Revokes a link of the tenant's case; returns whether there was such a link.</summary>
    public Task<bool> RevokeAsync(string tenant, string caseId, string linkId, CancellationToken cancellationToken) =>
        _store.RevokeLinkAsync(tenant, caseId, linkId, cancellationToken);
}
