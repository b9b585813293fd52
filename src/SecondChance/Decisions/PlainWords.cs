using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Rules;

namespace SecondChance.Decisions;

/// <summary>
/// The playbook in the candidate's own words: actions, events, levels and dates as a person would say
/// them, and why a decision was made without rule names or expressions. English, culture-invariant.
/// </summary>
public static class PlainWords
{
    private static readonly LocalDatePattern LongDate = LocalDatePattern.Create("d MMMM uuuu", CultureInfo.InvariantCulture);

    /// <summary>Writes a date as people read it, the same in every culture: <c>6 March 2026</c>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The date in words.</returns>
    public static string Date(LocalDate date) => LongDate.Format(date);

    /// <summary>Says what an action asks of the candidate: <c>follow up</c>, <c>answer their approach</c>.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The action in words, lower case.</returns>
    public static string Action(PlaybookAction action) => action switch
    {
        PlaybookAction.None => "nothing left to do",
        PlaybookAction.ThankAndAskWhereShort => "thank them and ask where you fell short",
        PlaybookAction.ReaffirmInterest => "say you are still interested",
        PlaybookAction.SendThankYouNote => "send the thank-you note",
        PlaybookAction.FollowUp => "follow up",
        PlaybookAction.AwaitApproach => "wait for them to come back",
        PlaybookAction.RespondToApproach => "answer their approach",
        PlaybookAction.NegotiateOffer => "negotiate the offer",
        _ => action.ToString(),
    };

    /// <summary>Names a job level as a person would: <c>middle-management</c>; a level of a host's own keeps its name.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The level in words.</returns>
    public static string Level(JobLevel level) => level.Name switch
    {
        nameof(JobLevel.IndividualContributor) => "individual-contributor",
        nameof(JobLevel.MiddleManagement) => "middle-management",
        nameof(JobLevel.SeniorExecutive) => "senior-executive",
        var name => name,
    };

    /// <summary>Names an event of the history with its date: <c>the call on 6 March 2026</c>.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The event in words.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is <see langword="null"/>.</exception>
    public static string Event(CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return $"{EventName(@event.Type)} on {Date(@event.On)}";
    }

    /// <summary>
    /// Says why the decision asks for this action by this date, from what the candidate did and the
    /// level's usual timing: <c>You sent your note on 6 March 2026; middle-management roles usually
    /// revisit in about 5 months.</c>
    /// </summary>
    /// <param name="decision">A decision.</param>
    /// <param name="levels">The job levels' timing, such as <see cref="PlaybookEngine.Levels"/>.</param>
    /// <returns>One or two plain sentences; for an invalid case, its errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="levels"/> is <see langword="null"/>.</exception>
    public static string Why(Decision decision, IReadOnlyDictionary<JobLevel, LevelProfile> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (decision.Rule is not { } rule)
        {
            return "The case cannot be decided: " + string.Join("; ", decision.Errors);
        }

        var events = decision.Case.Events;
        if (rule.Action == PlaybookAction.None)
        {
            return events.Count > 0 && events[^1] is Closed closed
                ? $"You closed the case on {Date(closed.On)} ({Reason(closed.Reason)})."
                : "Nothing in the plan is left for you to do.";
        }

        var due = rule.Due;
        var anchor = due.Anchor is { } type ? events.LastOrDefault(e => e.Type == type) : null;
        var since = anchor is null ? null : $"{Capitalised(Done(anchor.Type))} on {Date(anchor.On)}";
        levels.TryGetValue(decision.Case.Level, out var profile);
        var level = Level(decision.Case.Level);
        var timing = due.Kind switch
        {
            DuePolicyKind.OnEventDate => "this is best done the same day",
            DuePolicyKind.BusinessDaysAfter => Invariant($"this is best done within {Count(due.Days, "working day")}"),
            DuePolicyKind.RespondByOrBusinessDaysAfter when anchor is OfferReceived { RespondBy: { } by } => $"they asked for your answer by {Date(by)}",
            DuePolicyKind.RespondByOrBusinessDaysAfter => Invariant($"answer within {Count(due.Days, "working day")}, before they look elsewhere"),
            DuePolicyKind.LevelMonthsAfter when profile is not null => Invariant($"{level} roles usually revisit in about {Count(profile.FollowUpAfterMonths, "month")}"),
            DuePolicyKind.MonthsAfter => Invariant($"these rules follow up after {Count(due.Months, "month")}"),
            DuePolicyKind.LevelWaitAfter when profile is not null => Invariant($"for {level} roles, give them about {Count(profile.WaitAfterFollowUpDays, "day")} to come back"),
            DuePolicyKind.DaysAfter => Invariant($"these rules allow {Count(due.Days, "day")}"),
            _ => null,
        };

        var parts = new[] { since, timing }.Where(p => p is not null).ToArray();
        var text = parts.Length == 0 ? $"Next you {Action(rule.Action)}" : string.Join("; ", parts);
        if (decision.DueOn is { } on)
        {
            text += $", so it is due on {Date(on)}";
        }

        return Capitalised(text) + ".";
    }

    private static string EventName(CaseEventType type) => type switch
    {
        CaseEventType.Notified => "the call",
        CaseEventType.FeedbackRecorded => "their feedback",
        CaseEventType.InterestReaffirmed => "your renewed interest",
        CaseEventType.NoteSent => "your note",
        CaseEventType.FollowUpMade => "your follow-up",
        CaseEventType.Approached => "their approach",
        CaseEventType.OfferReceived => "the offer",
        CaseEventType.Closed => "the close",
        _ => type.ToString(),
    };

    private static string Done(CaseEventType type) => type switch
    {
        CaseEventType.Notified => "they called you",
        CaseEventType.FeedbackRecorded => "you heard where you fell short",
        CaseEventType.InterestReaffirmed => "you said you are still interested",
        CaseEventType.NoteSent => "you sent your note",
        CaseEventType.FollowUpMade => "you followed up",
        CaseEventType.Approached => "they came back to you",
        CaseEventType.OfferReceived => "they made you an offer",
        CaseEventType.Closed => "you closed the case",
        _ => type.ToString(),
    };

    private static string Reason(CloseReason reason) => reason switch
    {
        CloseReason.Hired => "you were hired",
        CloseReason.TookOtherJob => "you took another job",
        CloseReason.Withdrew => "you withdrew",
        CloseReason.NoOpening => "no opening came up",
        _ => reason.ToString(),
    };

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{n} {unit}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
