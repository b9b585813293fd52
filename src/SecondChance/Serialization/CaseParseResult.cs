using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Serialization;

/// <summary>The outcome of reading a case document: the case, or every problem with its field path.</summary>
public sealed class CaseParseResult
{
    internal CaseParseResult(RunnerUpCase? @case, IReadOnlyList<CaseError> errors)
    {
        Case = @case;
        Errors = errors;
    }

    /// <summary>Gets whether the document was read; the case may still fail validation (levels, dates against today).</summary>
    public bool Succeeded => Case is not null;

    /// <summary>Gets the case read; <see langword="null"/> when there were errors.</summary>
    public RunnerUpCase? Case { get; }

    /// <summary>Gets the problems found, each naming its field path; empty on success.</summary>
    public IReadOnlyList<CaseError> Errors { get; }
}
