using SecondChance.Validation;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What the host decided to do with the current case: write <see cref="Row"/>, answer <see cref="ResponseBody"/> (UTF-8 JSON)
/// and remember <see cref="Replay"/> under the idempotency key; or reject with <see cref="Errors"/>.
/// </summary>
public sealed record AppendStep(CaseRow? Row, byte[]? ResponseBody, IdempotencyRecord? Replay, IReadOnlyList<CaseError>? Errors)
{
    public static AppendStep Reject(IReadOnlyList<CaseError> errors) => new(null, null, null, errors);

    public static AppendStep Write(CaseRow row, byte[] responseBody, IdempotencyRecord replay) => new(row, responseBody, replay, null);
}
