using NodaTime;
using SecondChance.Cases;
using SecondChance.Validation;
using System.Runtime.InteropServices;

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

    // The latest date of each event type, indexed by CaseEventType; kept in fields to avoid an array per case.
    private LocalDate _notifiedOn, _feedbackOn, _interestOn, _noteOn, _followUpOn, _approachedOn, _offerOn, _closedOn;

    // Enum-valued facts as indexes into the name tables (-1 for none), so a fold stores bytes, not references.
    private sbyte _lastEvent = -1, _lastFollowUpOutcome = -1, _closedReason = -1, _noteChannel = -1;

    internal CaseFacts()
    {
    }

    /// <summary>Gets the case's job level, spelled as the engine's configuration spells it.</summary>
    public string Level { get; private set; } = string.Empty;

    /// <summary>Gets whether the case has a <see cref="Cases.Notified"/> event.</summary>
    public bool Notified { get; private set; }

    /// <summary>Gets whether the case has a <see cref="Cases.FeedbackRecorded"/> event.</summary>
    public bool FeedbackRecorded { get; private set; }

    /// <summary>Gets whether the case has an <see cref="Cases.InterestReaffirmed"/> event.</summary>
    public bool InterestReaffirmed { get; private set; }

    /// <summary>Gets whether the case has a <see cref="Cases.NoteSent"/> event.</summary>
    public bool NoteSent { get; private set; }

    /// <summary>Gets whether the case has at least one <see cref="Cases.FollowUpMade"/> event.</summary>
    public bool FollowUpMade { get; private set; }

    /// <summary>Gets whether the case has an <see cref="Cases.Approached"/> event.</summary>
    public bool Approached { get; private set; }

    /// <summary>Gets whether the case has an <see cref="Cases.OfferReceived"/> event.</summary>
    public bool OfferReceived { get; private set; }

    /// <summary>Gets whether the case has a <see cref="Cases.Closed"/> event.</summary>
    public bool Closed { get; private set; }

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

    internal LocalDate LastEventOn { get; private set; }

    internal LocalDate LatestOn(CaseEventType type) => type switch
    {
        CaseEventType.Notified => _notifiedOn,
        CaseEventType.FeedbackRecorded => _feedbackOn,
        CaseEventType.InterestReaffirmed => _interestOn,
        CaseEventType.NoteSent => _noteOn,
        CaseEventType.FollowUpMade => _followUpOn,
        CaseEventType.Approached => _approachedOn,
        CaseEventType.OfferReceived => _offerOn,
        _ => _closedOn,
    };

    internal bool Has(CaseEventType type) => type switch
    {
        CaseEventType.Notified => Notified,
        CaseEventType.FeedbackRecorded => FeedbackRecorded,
        CaseEventType.InterestReaffirmed => InterestReaffirmed,
        CaseEventType.NoteSent => NoteSent,
        CaseEventType.FollowUpMade => FollowUpMade,
        CaseEventType.Approached => Approached,
        CaseEventType.OfferReceived => OfferReceived,
        _ => Closed,
    };

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
    private static ReadOnlySpan<CaseEvent> First(IReadOnlyList<CaseEvent> events, int count) => events switch
    {
        CaseEvent[] array => new ReadOnlySpan<CaseEvent>(array, 0, count),
        List<CaseEvent> list => CollectionsMarshal.AsSpan(list)[..count],
        _ => events.Take(count).ToArray(),
    };

    private bool Refold(ReadOnlySpan<CaseEvent> events, string level)
    {
        var count = events.Length;
        var facts = this;
        facts.Clear();
        facts.Level = level;
        facts.EventCount = count;
        var wellFormed = count > 0;
        var previous = int.MinValue;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e is null)
            {
                wellFormed = false;
                continue;
            }

            // Year, month and day packed into one ordered number: the same order as comparing the dates,
            // without the calendar checks of LocalDate's operators on every event.
            var on = e.On;
            var key = (on.Year * 512) + (on.Month * 32) + on.Day;
            if (key < previous || facts.Closed)
            {
                wellFormed = false;
            }

            previous = key;
            switch (e)
            {
                case Cases.Notified:
                    if (i != 0)
                    {
                        wellFormed = false;
                    }

                    facts.Notified = true;
                    facts._notifiedOn = on;
                    break;
                case Cases.FeedbackRecorded f:
                    facts.FeedbackRecorded = true;
                    facts._feedbackOn = on;
                    facts.GapCount = f.Gaps?.Count ?? 0;
                    if (!CaseLimits.GapsLookValid(f.Gaps))
                    {
                        wellFormed = false;
                    }

                    break;
                case Cases.InterestReaffirmed:
                    facts.InterestReaffirmed = true;
                    facts._interestOn = on;
                    break;
                case Cases.NoteSent n:
                    facts.NoteSent = true;
                    facts._noteOn = on;
                    facts._noteChannel = IndexIn(ChannelNames, (int)n.Channel, ref wellFormed);
                    break;
                case Cases.FollowUpMade u:
                    facts.FollowUpMade = true;
                    facts.FollowUpCount++;
                    facts._followUpOn = on;
                    facts._lastFollowUpOutcome = IndexIn(OutcomeNames, (int)u.Outcome, ref wellFormed);
                    break;
                case Cases.Approached:
                    facts.Approached = true;
                    facts._approachedOn = on;
                    break;
                case Cases.OfferReceived o:
                    facts.OfferReceived = true;
                    facts._offerOn = on;
                    facts.RespondBy = o.RespondBy;
                    facts.OfferHasRespondBy = o.RespondBy.HasValue;
                    if (o.RespondBy is { } by && by < on)
                    {
                        wellFormed = false;
                    }

                    break;
                case Cases.Closed c:
                    facts.Closed = true;
                    facts._closedOn = on;
                    facts._closedReason = IndexIn(ReasonNames, (int)c.Reason, ref wellFormed);
                    break;
            }
        }

        if (count > 0 && events[^1] is { } last)
        {
            facts._lastEvent = IndexIn(EventNames, (int)last.Type, ref wellFormed);
            facts.LastEventOn = last.On;
        }

        if (!facts.Notified)
        {
            wellFormed = false;
        }

        return wellFormed;
    }

    private void Clear()
    {
        _notifiedOn = _feedbackOn = _interestOn = _noteOn = _followUpOn = _approachedOn = _offerOn = _closedOn = default;
        _lastEvent = _lastFollowUpOutcome = _closedReason = _noteChannel = -1;
        Notified = FeedbackRecorded = InterestReaffirmed = NoteSent = FollowUpMade = Approached = OfferReceived = Closed = OfferHasRespondBy = false;
        FollowUpCount = GapCount = 0;
        RespondBy = null;
        LastEventOn = default;
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
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a fact."),
    };

    private static sbyte IndexIn(string[] names, int value, ref bool wellFormed)
    {
        if ((uint)value < (uint)names.Length)
        {
            return (sbyte)value;
        }

        wellFormed = false;
        return -1;
    }

    private static string NameAt(string[] names, sbyte index) => index < 0 ? string.Empty : names[index];
}
