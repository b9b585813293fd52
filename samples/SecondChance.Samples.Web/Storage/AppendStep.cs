using SecondChance.Validation;

namespace SecondChance.Samples.Web.Storage;

/// <summary>What the host decided to do with the current case: write <see cref="Row"/> and answer <see cref="ResponseBody"/>, or reject with <see cref="Errors"/>.</summary>
public sealed record AppendStep(CaseRow? Row, string? ResponseBody, IReadOnlyList<CaseError>? Errors)
{
    public static AppendStep Reject(IReadOnlyList<CaseError> errors) => new(null, null, errors);

    public static AppendStep Write(CaseRow row, string responseBody) => new(row, responseBody, null);
}
