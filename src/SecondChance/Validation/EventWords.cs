using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;

namespace SecondChance.Validation;

/// <summary>
/// Events and dates in plain words, for the validation messages and for <c>PlainWords</c> (which
/// says the same to the candidate): kept here so validation does not depend on decisions.
/// </summary>
internal static class EventWords
{
    private static readonly LocalDatePattern LongDate = LocalDatePattern.Create("d MMMM uuuu", CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => LongDate.Format(date);

    public static string Event(CaseEvent @event) => $"{EventName(@event.Type)} on {Date(@event.On)}";

    public static string EventName(CaseEventType type) => type switch
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
}
