namespace SecondChance.Samples.Web.Links;

/// <summary>What a valid candidate link grants: one case of one tenant, until it expires or is revoked.</summary>
public sealed record CandidateLink(string Id, string Tenant, string CaseId, DateTimeOffset ExpiresAt);
