using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// Folds a case's history into a <see cref="FactsState"/> in one pass and checks its structure on the
/// way (a single leading Notified, date order, nothing after Closed, a sane respondBy, gaps within
/// limits, known enum values). The validator gives the messages when the check fails.
/// </summary>
internal static class CaseFold
{
    private const int NotifiedBit = 1 << (int)CaseEventType.Notified;
    private const int ClosedBit = 1 << (int)CaseEventType.Closed;
    private static readonly int ChannelCount = Enum.GetValues<NoteChannel>().Length;
    private static readonly int OutcomeCount = Enum.GetValues<FollowUpOutcome>().Length;
    private static readonly int ReasonCount = Enum.GetValues<CloseReason>().Length;
    private static readonly int OpeningMatchCount = Enum.GetValues<OpeningMatch>().Length;

    /// <summary>Folds the first <paramref name="count"/> events into <paramref name="state"/>, overwriting it; returns whether the history is well formed.</summary>
    public static bool Fold(ref FactsState state, IReadOnlyList<CaseEvent> events, int count, string level) =>
        Fold(ref state, AsSpan(events, count), level);

    // An interface call per event costs more than the fold itself, so arrays and lists are read as spans.
    // The exact-type test comes first: one comparison, where a cast to an array type is a helper call.
    private static ReadOnlySpan<CaseEvent> AsSpan(IReadOnlyList<CaseEvent> events, int count)
    {
        if (events.GetType() == typeof(CaseEvent[]))
        {
            return new ReadOnlySpan<CaseEvent>(Unsafe.As<CaseEvent[]>(events), 0, count);
        }

        return events switch
        {
            CaseEvent[] array => new ReadOnlySpan<CaseEvent>(array, 0, count),
            List<CaseEvent> list => CollectionsMarshal.AsSpan(list)[..count],
            _ => events.Take(count).ToArray(),
        };
    }

    private static bool Fold(ref FactsState state, ReadOnlySpan<CaseEvent> events, string level)
    {
        // A sweep refolds with the same level string most of the time; skipping the store skips its GC write barrier.
        if (!ReferenceEquals(state.Level, level))
        {
            state.Level = level;
        }

        // The checks accumulate into one flag instead of branching, so a well-formed history (the usual
        // case) costs no mispredicted branch but the switch on the event type.
        FactsState.EventDates latest = default;
        sbyte lastFollowUpOutcome = -1, closedReason = -1, noteChannel = -1, lastOpeningMatch = -1;
        var openingPending = false;
        NodaTime.LocalDate? respondBy = null;
        var gapCount = 0;
        var malformed = events.IsEmpty | events.Length > CaseLimits.MaxEvents;
        var present = 0;
        var followUps = 0;
        var previous = int.MinValue;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e is null)
            {
                malformed = true;
                continue;
            }

            var type = e.Type;
            var on = e.On;
            var key = DateKey.Of(on);
            malformed |= (key < previous) | ((present & ClosedBit) != 0) | ((type == CaseEventType.Notified) & (i != 0)) | !DateKey.IsInCaseRange(key);
            previous = key;
            present |= 1 << (int)type;
            latest[(int)type] = on;

            // Type is the stored tag of the sealed event classes, so each cast below cannot fail.
            switch (type)
            {
                case CaseEventType.FeedbackRecorded:
                    malformed |= !CaseLimits.GapsLookValid(Unsafe.As<FeedbackRecorded>(e).Gaps, out gapCount);
                    break;
                case CaseEventType.NoteSent:
                    noteChannel = Index((int)Unsafe.As<NoteSent>(e).Channel, ChannelCount, ref malformed);
                    break;
                case CaseEventType.FollowUpMade:
                    followUps++;
                    openingPending = false;
                    lastFollowUpOutcome = Index((int)Unsafe.As<FollowUpMade>(e).Outcome, OutcomeCount, ref malformed);
                    break;
                case CaseEventType.OfferReceived:
                    respondBy = Unsafe.As<OfferReceived>(e).RespondBy;
                    malformed |= respondBy is { } by && (DateKey.Of(by) < key || !DateKey.IsInCaseRange(DateKey.Of(by)));
                    break;
                case CaseEventType.Closed:
                    closedReason = Index((int)Unsafe.As<Closed>(e).Reason, ReasonCount, ref malformed);
                    break;
                case CaseEventType.OpeningSeen:
                    var opening = Unsafe.As<OpeningSeen>(e);
                    malformed |= !CaseLimits.OpeningLooksValid(opening);
                    lastOpeningMatch = Index((int)opening.Match, OpeningMatchCount, ref malformed);
                    openingPending = true;
                    break;
            }
        }

        state.Present = present;
        state.Latest = latest;
        state.LastFollowUpOutcome = lastFollowUpOutcome;
        state.ClosedReason = closedReason;
        state.NoteChannel = noteChannel;
        state.LastOpeningMatch = lastOpeningMatch;
        state.OpeningSinceFollowUp = openingPending;
        state.RespondBy = respondBy;
        state.GapCount = gapCount;
        state.FollowUpCount = followUps;
        state.EventCount = events.Length;
        var hasLast = !events.IsEmpty && events[^1] is not null;
        state.LastEvent = hasLast ? (sbyte)events[^1].Type : (sbyte)-1;
        state.LastEventKey = hasLast ? previous : int.MinValue;
        return !malformed && (present & NotifiedBit) != 0;
    }

    private static sbyte Index(int value, int count, ref bool malformed)
    {
        if ((uint)value < (uint)count)
        {
            return (sbyte)value;
        }

        malformed = true;
        return -1;
    }
}
