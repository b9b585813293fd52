namespace SecondChance.Notes;

/// <summary>The outcome of <see cref="NoteEvidence.Parse(string)"/>. Immutable.</summary>
/// <param name="Evidence">The examples by gap text; empty when parsing failed.</param>
/// <param name="Errors">What is wrong with the file, each naming the key or position; empty on success.</param>
public sealed record NoteEvidenceParseResult(IReadOnlyDictionary<string, string> Evidence, IReadOnlyList<string> Errors)
{
    /// <summary>Gets whether the file was read without errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}
