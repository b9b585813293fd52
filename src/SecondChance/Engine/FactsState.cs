using System.Runtime.CompilerServices;
using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// What the fold learns from a case's history, as plain values: which event types occur and the latest
/// date of each, the enum-valued facts as their numeric values (-1 for none) and the counts.
/// <see cref="Rules.CaseFacts"/> is the public, read-only view of it.
/// </summary>
internal struct FactsState
{
    /// <summary>One bit per <see cref="CaseEventType"/> the history holds.</summary>
    public int Present;

    /// <summary>The latest date of each event type, indexed by <see cref="CaseEventType"/>.</summary>
    public EventDates Latest;

    public sbyte LastEvent;
    public sbyte LastFollowUpOutcome;
    public sbyte ClosedReason;
    public sbyte NoteChannel;
    public sbyte LastOpeningMatch;

    /// <summary>Whether an opening was seen after the latest follow-up (or with none).</summary>
    public bool OpeningSinceFollowUp;
    public int FollowUpCount;
    public int EventCount;
    public int GapCount;
    public LocalDate? RespondBy;

    /// <summary>The last event's <see cref="DateKey"/>, or <see cref="int.MinValue"/> when there is none.</summary>
    public int LastEventKey;

    /// <summary>The job level, as the caller spells it.</summary>
    public string Level;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Has(CaseEventType type) => (Present & (1 << (int)type)) != 0;

    public readonly LocalDate LatestOn(CaseEventType type) => Has(type) ? Latest[(int)type] : default;

    /// <summary>The latest date of each event type, inline in the state rather than in an array of its own.</summary>
    [InlineArray(9)]
    internal struct EventDates
    {
        private LocalDate _first;
    }
}
