using SecondChance.Validation;

namespace SecondChance.Notes;

/// <summary>The outcome of <see cref="NoteEvidence.Parse(string, Cases.RunnerUpCase?)"/> or <see cref="NoteEvidence.Read"/>. Immutable.</summary>
/// <param name="Evidence">The examples by gap text; empty when parsing failed.</param>
/// <param name="Errors">What is wrong, each at <c>evidence</c> or <c>evidence["gap"]</c>; empty on success.</param>
public sealed record NoteEvidenceParseResult(IReadOnlyDictionary<string, string> Evidence, IReadOnlyList<CaseError> Errors)
{
    /// <summary>Gets whether the file was read without errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}
