using NodaTime;
using SecondChance.Cases;
using SecondChance.Validation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SecondChance.Scheduling;

namespace SecondChance.Rules;

/// <summary>
/// What a rule expression can read about a case, folded from its history in one pass. In a rule's
/// <c>Expression</c> this object is named <c>facts</c>, for example <c>facts.NoteSent &amp;&amp; !facts.FollowUpMade</c>.
/// </summary>
/// <remarks>Enum-valued facts are strings holding the enum name, or an empty string when there is none.</remarks>
public sealed class CaseFacts
{
    private static readonly string[] EventNames = Enum.GetNames<CaseEventType>();
    private static readonly string[] OutcomeNames = Enum.GetNames<FollowUpOutcome>();
    private static readonly string[] ReasonNames = Enum.GetNames<CloseReason>();
    private static readonly string[] ChannelNames = Enum.GetNames<Cases.NoteChannel>();
    private static readonly string[] OpeningMatchNames = Enum.GetNames<OpeningMatch>();
    private const int NotifiedBit = 1 << (int)CaseEventType.Notified;
    private const int ClosedBit = 1 << (int)CaseEventType.Closed;

    // Which event types the case has, one bit per CaseEventType, and the latest date of each, indexed by
    // CaseEventType: a fold writes them without branching on the event type.
    private int _present;
    private EventDates _latest;

    // Enum-valued facts as indexes into the name tables (-1 for none), so a fold stores bytes, not references.
    private sbyte _lastEvent = -1, _lastFollowUpOutcome = -1, _closedReason = -1, _noteChannel = -1, _lastOpeningMatch = -1;

    internal CaseFacts()
    {
    }

    /// <summary>Gets the case's job level, spelled as the engine's configuration spells it.</summary>
    public string Level { get; private set; } = string.Empty;

    /// <summary>Gets whether the case has a <see cref="Cases.Notified"/> event.</summary>
    public bool Notified => Has(CaseEventType.Notified);

    /// <summary>Gets whether the case has a <see cref="Cases.FeedbackRecorded"/> event.</summary>
    public bool FeedbackRecorded => Has(CaseEventType.FeedbackRecorded);

    /// <summary>Gets whether the case has an <see cref="Cases.InterestReaffirmed"/> event.</summary>
    public bool InterestReaffirmed => Has(CaseEventType.InterestReaffirmed);

    /// <summary>Gets whether the case has a <see cref="Cases.NoteSent"/> event.</summary>
    public bool NoteSent => Has(CaseEventType.NoteSent);

    /// <summary>Gets whether the case has at least one <see cref="Cases.FollowUpMade"/> event.</summary>
    public bool FollowUpMade => Has(CaseEventType.FollowUpMade);

    /// <summary>Gets whether the case has an <see cref="Cases.Approached"/> event.</summary>
    public bool Approached => Has(CaseEventType.Approached);

    /// <summary>Gets whether the case has an <see cref="Cases.OfferReceived"/> event.</summary>
    public bool OfferReceived => Has(CaseEventType.OfferReceived);

    /// <summary>Gets whether the case has a <see cref="Cases.Closed"/> event.</summary>
    public bool Closed => Has(CaseEventType.Closed);

    /// <summary>Gets whether the case has at least one <see cref="Cases.OpeningSeen"/> event.</summary>
    public bool OpeningSeen => Has(CaseEventType.OpeningSeen);

    /// <summary>
    /// Gets whether an opening was seen after the latest <see cref="Cases.FollowUpMade"/> event in the
    /// history (or at all, when there was no follow-up): news the candidate has not yet acted on.
    /// </summary>
    public bool OpeningSinceFollowUp { get; private set; }

    /// <summary>Gets the match of the latest opening seen, <c>"Reopened"</c> or <c>"Similar"</c>, or an empty string.</summary>
    public string LastOpeningMatch => NameAt(OpeningMatchNames, _lastOpeningMatch);

    /// <summary>Gets how many follow-ups were made.</summary>
    public int FollowUpCount { get; private set; }

    /// <summary>Gets how many events the case has.</summary>
    public int EventCount { get; private set; }

    /// <summary>Gets how many gaps the latest feedback recorded.</summary>
    public int GapCount { get; private set; }

    /// <summary>Gets the type name of the latest event, such as <c>"NoteSent"</c>.</summary>
    public string LastEvent => NameAt(EventNames, _lastEvent);

    /// <summary>Gets the outcome name of the latest follow-up, such as <c>"NoChange"</c>, or an empty string.</summary>
    public string LastFollowUpOutcome => NameAt(OutcomeNames, _lastFollowUpOutcome);

    /// <summary>Gets the reason name of the <c>Closed</c> event, such as <c>"Hired"</c>, or an empty string.</summary>
    public string ClosedReason => NameAt(ReasonNames, _closedReason);

    /// <summary>Gets the channel name of the latest note, such as <c>"Email"</c>, or an empty string.</summary>
    public string NoteChannel => NameAt(ChannelNames, _noteChannel);

    /// <summary>Gets whether the latest offer names a date by which to respond.</summary>
    public bool OfferHasRespondBy { get; private set; }

    internal LocalDate? RespondBy { get; private set; }

    /// <summary>
    /// Folds a case's whole history into facts, for running a rule set through RulesEngine directly
    /// or for tests. The engine does this itself when it decides.
    /// </summary>
    /// <param name="case">The case.</param>
    /// <returns>The facts, with <see cref="Level"/> spelled as the case spells it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public static CaseFacts FromCase(RunnerUpCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var events = @case.Events ?? Array.Empty<CaseEvent>();
        return Fold(events, events.Count, @case.Level.Name, out _);
    }

    /// <summary>Gets the last event's date as a <see cref="DateKey"/>, for comparing with today cheaply.</summary>
    internal int LastEventKey { get; private set; } = int.MinValue;

    internal LocalDate LatestOn(CaseEventType type) => Has(type) ? _latest[(int)type] : default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Has(CaseEventType type) => (_present & (1 << (int)type)) != 0;

    /// <summary>
    /// Folds the first <paramref name="count"/> events into new facts. Returns whether the history
    /// passed the structural checks on the way (order, a single leading Notified, nothing after
    /// Closed, a sane respondBy, known enum values); the validator gives the messages when it did not.
    /// </summary>
    internal static CaseFacts Fold(IReadOnlyList<CaseEvent> events, int count, string level, out bool wellFormed)
    {
        var facts = new CaseFacts();
        wellFormed = facts.Refold(First(events, count), level);
        return facts;
    }

    /// <summary>
    /// Folds a whole history into this instance, overwriting every fact, and returns whether it passed
    /// the structural checks. The engine reuses one instance per thread this way, so a decision
    /// allocates no facts; <see cref="Decisions.Decision.Facts"/> folds its own copy when asked.
    /// </summary>
    internal bool Refold(IReadOnlyList<CaseEvent> events, string level) => Refold(First(events, events.Count), level);

    // Arrays and lists are read as spans: an interface call per event costs more than the fold itself.
    // The exact-type test comes first because it is one comparison, where a cast to an array type is a helper call.
    private static ReadOnlySpan<CaseEvent> First(IReadOnlyList<CaseEvent> events, int count)
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

    private bool Refold(ReadOnlySpan<CaseEvent> events, string level)
    {
        // A sweep refolds with the same level string most of the time; skipping the store skips its GC write barrier.
        if (!ReferenceEquals(Level, level))
        {
            Level = level;
        }

        // Everything accumulates in locals and is stored once at the end: stores to this object inside
        // the loop would sit between the loads of the events (and can falsely wait on them).
        EventDates latest = default;
        sbyte lastFollowUpOutcome = -1, closedReason = -1, noteChannel = -1, lastOpeningMatch = -1;
        var openingPending = false;
        LocalDate? respondBy = null;
        var gapCount = 0;

        // The checks accumulate into one flag instead of branching, so a well-formed history (the usual
        // case) costs no mispredicted branch but the switch on the event type.
        var malformed = events.IsEmpty;
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

            // In date order, nothing after Closed, Notified only first.
            malformed |= (key < previous) | ((present & ClosedBit) != 0) | ((type == CaseEventType.Notified) & (i != 0));
            previous = key;
            present |= 1 << (int)type;
            latest[(int)type] = on;
            switch (type)
            {
                case CaseEventType.FeedbackRecorded:
                    malformed |= !CaseLimits.GapsLookValid(Unsafe.As<Cases.FeedbackRecorded>(e).Gaps, out gapCount);
                    break;
                case CaseEventType.NoteSent:
                    noteChannel = IndexIn(ChannelNames, (int)Unsafe.As<Cases.NoteSent>(e).Channel, ref malformed);
                    break;
                case CaseEventType.FollowUpMade:
                    followUps++;
                    openingPending = false;
                    lastFollowUpOutcome = IndexIn(OutcomeNames, (int)Unsafe.As<Cases.FollowUpMade>(e).Outcome, ref malformed);
                    break;
                case CaseEventType.OfferReceived:
                    respondBy = Unsafe.As<Cases.OfferReceived>(e).RespondBy;
                    malformed |= respondBy is { } by && DateKey.Of(by) < key;
                    break;
                case CaseEventType.Closed:
                    closedReason = IndexIn(ReasonNames, (int)Unsafe.As<Cases.Closed>(e).Reason, ref malformed);
                    break;
                case CaseEventType.OpeningSeen:
                    var opening = Unsafe.As<Cases.OpeningSeen>(e);
                    malformed |= !CaseLimits.OpeningLooksValid(opening);
                    lastOpeningMatch = IndexIn(OpeningMatchNames, (int)opening.Match, ref malformed);
                    openingPending = true;
                    break;
            }
        }

        _present = present;
        _latest = latest;
        _lastFollowUpOutcome = lastFollowUpOutcome;
        _closedReason = closedReason;
        _noteChannel = noteChannel;
        _lastOpeningMatch = lastOpeningMatch;
        OpeningSinceFollowUp = openingPending;
        RespondBy = respondBy;
        OfferHasRespondBy = respondBy.HasValue;
        GapCount = gapCount;
        FollowUpCount = followUps;
        EventCount = events.Length;
        if (!events.IsEmpty && events[^1] is { } last)
        {
            _lastEvent = (sbyte)last.Type;
            LastEventKey = previous;
        }
        else
        {
            _lastEvent = -1;
            LastEventKey = int.MinValue;
        }

        return !malformed && (present & NotifiedBit) != 0;
    }

    /// <summary>Reads a fact by its property name, for explanations.</summary>
    internal object ValueOf(string name) => name switch
    {
        nameof(Level) => Level,
        nameof(Notified) => Notified,
        nameof(FeedbackRecorded) => FeedbackRecorded,
        nameof(InterestReaffirmed) => InterestReaffirmed,
        nameof(NoteSent) => NoteSent,
        nameof(FollowUpMade) => FollowUpMade,
        nameof(Approached) => Approached,
        nameof(OfferReceived) => OfferReceived,
        nameof(Closed) => Closed,
        nameof(FollowUpCount) => FollowUpCount,
        nameof(EventCount) => EventCount,
        nameof(GapCount) => GapCount,
        nameof(LastEvent) => LastEvent,
        nameof(LastFollowUpOutcome) => LastFollowUpOutcome,
        nameof(ClosedReason) => ClosedReason,
        nameof(NoteChannel) => NoteChannel,
        nameof(OfferHasRespondBy) => OfferHasRespondBy,
        nameof(OpeningSeen) => OpeningSeen,
        nameof(OpeningSinceFollowUp) => OpeningSinceFollowUp,
        nameof(LastOpeningMatch) => LastOpeningMatch,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a fact."),
    };

    private static sbyte IndexIn(string[] names, int value, ref bool malformed)
    {
        if ((uint)value < (uint)names.Length)
        {
            return (sbyte)value;
        }

        malformed = true;
        return -1;
    }

    private static string NameAt(string[] names, sbyte index) => index < 0 ? string.Empty : names[index];

    /// <summary>The latest date of each event type, inline in the facts object.</summary>
    [InlineArray(9)]
    private struct EventDates
    {
        private LocalDate _first;
    }
}
