namespace SecondChance.Samples.Web.Storage;

/// <summary>One event to record on a case.</summary>
/// <param name="Tenant">The tenant that owns the case.</param>
/// <param name="Id">The case id.</param>
/// <param name="IdempotencyKey">The client's key for this event, or <see langword="null"/> for none.</param>
/// <param name="RequestHash">A hash of the request's meaning (not its whitespace): the same key with another hash is a reuse.</param>
/// <param name="Known">
/// The case as the caller already holds it, or <see langword="null"/>: when the stored version is still
/// <c>Known.Version</c> the store does not read the document again and hands this one to the decision
/// (one version of a case is one document). It must be this request's case.
/// </param>
public sealed record AppendRequest(string Tenant, string Id, string? IdempotencyKey, byte[] RequestHash, StoredCase? Known = null);
