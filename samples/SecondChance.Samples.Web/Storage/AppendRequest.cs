namespace SecondChance.Samples.Web.Storage;

/// <summary>One event to record on a case.</summary>
/// <param name="Tenant">The tenant that owns the case.</param>
/// <param name="Id">The case id.</param>
/// <param name="IdempotencyKey">The client's key for this event, or <see langword="null"/> for none.</param>
/// <param name="RequestHash">A hash of the request's meaning (not its whitespace): the same key with another hash is a reuse.</param>
/// <param name="KnownVersion">
/// The version of the case the caller already holds, or 0 for none: while that is still the stored version,
/// the store does not read the document and the decision gets none (one version of a case is one document).
/// </param>
public sealed record AppendRequest(string Tenant, string Id, string? IdempotencyKey, byte[] RequestHash, long KnownVersion = 0);
