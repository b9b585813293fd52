using SecondChance.Validation;

namespace SecondChance.Samples.Web.Storage;

/// <summary>The result of recording an event: the outcome, the response body to send, or the errors that rejected it.</summary>
public sealed record AppendResult(AppendOutcome Outcome, string? ResponseBody = null, IReadOnlyList<CaseError>? Errors = null);
