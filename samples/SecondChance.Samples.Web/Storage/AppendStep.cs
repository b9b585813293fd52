using SecondChance.Validation;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What the host decided to do with the current case: write <see cref="Row"/>, answer <see cref="ResponseBody"/> (UTF-8 JSON)
/// and remember <see cref="Replay"/> under the idempotency key; or reject with <see cref="Errors"/>.
/// </summary>
public sealed record AppendStep(CaseRow? Row, byte[]? ResponseBody, IdempotencyRecord? Replay, IReadOnlyList<CaseError>? Errors)
{
    /// <summary>Write nothing: the event is not valid for the case, for the reasons in <paramref name="errors"/>.</summary>
    public static AppendStep Reject(IReadOnlyList<CaseError> errors) => new(null, null, null, errors);

    /// <summary>Write <paramref name="row"/>; the store hands <paramref name="responseBody"/> back once it is recorded.</summary>
    public static AppendStep Write(CaseRow row, byte[] responseBody, IdempotencyRecord replay) => new(row, responseBody, replay, null);

    /// <summary>Write <paramref name="row"/>, for a host that builds its answer itself (the store hands back an empty body).</summary>
    public static AppendStep Write(CaseRow row, IdempotencyRecord replay) => new(row, [], replay, null);
}
