using SecondChance.Validation;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// The result of recording an event: the outcome, the response body to send, the errors that rejected it,
/// or, for a replay, what the first answer was built from.
/// </summary>
public sealed record AppendResult(AppendOutcome Outcome, byte[]? ResponseBody = null, IReadOnlyList<CaseError>? Errors = null, IdempotencyRecord? Replay = null);
