using System.Globalization;
using SecondChance.Cases;
using SecondChance.Engine;

namespace SecondChance.Rules;

/// <summary>
/// What a rule expression can read about a case, folded from its history. In a rule's
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

    internal FactsState State;

    /// <summary>Sets the level alone, for checking one history at several levels without refolding it.</summary>
    internal void SetLevel(string level) => State.Level = level;

    internal CaseFacts()
    {
        State.Level = string.Empty;
        State.LastEvent = State.LastFollowUpOutcome = State.ClosedReason = State.NoteChannel = State.LastOpeningMatch = -1;
        State.LastEventKey = int.MinValue;
    }

    /// <summary>Gets the case's job level; in a decision, spelled as the engine's configuration spells it.</summary>
    public string Level => State.Level;

    /// <summary>Gets whether the case has a <see cref="Cases.Notified"/> event.</summary>
    public bool Notified => State.Has(CaseEventType.Notified);

    /// <summary>Gets whether the case has a <see cref="Cases.FeedbackRecorded"/> event.</summary>
    public bool FeedbackRecorded => State.Has(CaseEventType.FeedbackRecorded);

    /// <summary>Gets whether the case has an <see cref="Cases.InterestReaffirmed"/> event.</summary>
    public bool InterestReaffirmed => State.Has(CaseEventType.InterestReaffirmed);

    /// <summary>Gets whether the case has a <see cref="Cases.NoteSent"/> event.</summary>
    public bool NoteSent => State.Has(CaseEventType.NoteSent);

    /// <summary>Gets whether the case has at least one <see cref="Cases.FollowUpMade"/> event.</summary>
    public bool FollowUpMade => State.Has(CaseEventType.FollowUpMade);

    /// <summary>Gets whether the case has an <see cref="Cases.Approached"/> event.</summary>
    public bool Approached => State.Has(CaseEventType.Approached);

    /// <summary>Gets whether the case has an <see cref="Cases.OfferReceived"/> event.</summary>
    public bool OfferReceived => State.Has(CaseEventType.OfferReceived);

    /// <summary>Gets whether the case has a <see cref="Cases.Closed"/> event.</summary>
    public bool Closed => State.Has(CaseEventType.Closed);

    /// <summary>Gets whether the case has at least one <see cref="Cases.OpeningSeen"/> event.</summary>
    public bool OpeningSeen => State.Has(CaseEventType.OpeningSeen);

    /// <summary>
    /// Gets whether an opening was seen after the latest <see cref="Cases.FollowUpMade"/> event in the
    /// history (or at all, when there was no follow-up): news the candidate has not yet acted on.
    /// </summary>
    public bool OpeningSinceFollowUp => State.OpeningSinceFollowUp;

    /// <summary>Gets the match of the latest opening seen, <c>"Reopened"</c> or <c>"Similar"</c>, or an empty string.</summary>
    public string LastOpeningMatch => NameAt(OpeningMatchNames, State.LastOpeningMatch);

    /// <summary>Gets how many follow-ups were made.</summary>
    public int FollowUpCount => State.FollowUpCount;

    /// <summary>Gets how many events the case has.</summary>
    public int EventCount => State.EventCount;

    /// <summary>Gets how many gaps the latest feedback recorded.</summary>
    public int GapCount => State.GapCount;

    /// <summary>Gets the type name of the latest event, such as <c>"NoteSent"</c>.</summary>
    public string LastEvent => NameAt(EventNames, State.LastEvent);

    /// <summary>Gets the outcome name of the latest follow-up, such as <c>"NoChange"</c>, or an empty string.</summary>
    public string LastFollowUpOutcome => NameAt(OutcomeNames, State.LastFollowUpOutcome);

    /// <summary>Gets the reason name of the <c>Closed</c> event, such as <c>"Hired"</c>, or an empty string.</summary>
    public string ClosedReason => NameAt(ReasonNames, State.ClosedReason);

    /// <summary>Gets the channel name of the latest note, such as <c>"Email"</c>, or an empty string.</summary>
    public string NoteChannel => NameAt(ChannelNames, State.NoteChannel);

    /// <summary>Gets whether the latest offer names a date by which to respond.</summary>
    public bool OfferHasRespondBy => State.RespondBy.HasValue;

    internal int LastEventKey => State.LastEventKey;

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

    /// <summary>Folds the first <paramref name="count"/> events into new facts; <paramref name="wellFormed"/> says whether the history passed the structural checks.</summary>
    internal static CaseFacts Fold(IReadOnlyList<CaseEvent> events, int count, string level, out bool wellFormed)
    {
        var facts = new CaseFacts();
        wellFormed = CaseFold.Fold(ref facts.State, events, count, level);
        return facts;
    }

    /// <summary>Reads a fact by its property name, written as a rule expression would write it, for explanations.</summary>
    internal string TextOf(string name) => name switch
    {
        nameof(Level) => Level,
        nameof(Notified) => Flag(Notified),
        nameof(FeedbackRecorded) => Flag(FeedbackRecorded),
        nameof(InterestReaffirmed) => Flag(InterestReaffirmed),
        nameof(NoteSent) => Flag(NoteSent),
        nameof(FollowUpMade) => Flag(FollowUpMade),
        nameof(Approached) => Flag(Approached),
        nameof(OfferReceived) => Flag(OfferReceived),
        nameof(Closed) => Flag(Closed),
        nameof(FollowUpCount) => FollowUpCount.ToString(CultureInfo.InvariantCulture),
        nameof(EventCount) => EventCount.ToString(CultureInfo.InvariantCulture),
        nameof(GapCount) => GapCount.ToString(CultureInfo.InvariantCulture),
        nameof(LastEvent) => LastEvent,
        nameof(LastFollowUpOutcome) => LastFollowUpOutcome,
        nameof(ClosedReason) => ClosedReason,
        nameof(NoteChannel) => NoteChannel,
        nameof(OfferHasRespondBy) => Flag(OfferHasRespondBy),
        nameof(OpeningSeen) => Flag(OpeningSeen),
        nameof(OpeningSinceFollowUp) => Flag(OpeningSinceFollowUp),
        nameof(LastOpeningMatch) => LastOpeningMatch,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a fact."),
    };

    private static string Flag(bool value) => value ? "true" : "false";

    private static string NameAt(string[] names, sbyte index) => index < 0 ? string.Empty : names[index];
}
