using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using NodaTime;
using NodaTime.Text;
using SecondChance.Calendar;
using SecondChance.Integrations.Reminders;

namespace SecondChance.Integrations.Messages;

/// <summary>
/// Builds the reminder email to the candidate with MimeKit: a subject naming the action and the due date, the
/// guidance as plain text and HTML, and the plan's calendar file (<see cref="PlanCalendar"/>) attached as
/// <c>plan.ics</c>.
/// </summary>
/// <remarks>
/// The Message-Id is the reminder id at <see cref="MessageIdDomain"/>, so a message sent again after a lost
/// acknowledgement carries the same id and mail systems can recognise the duplicate.
/// </remarks>
public static class ReminderEmail
{
    /// <summary>The domain part of every Message-Id.</summary>
    public const string MessageIdDomain = "reminders.secondchance";

    /// <summary>Builds the email for a reminder.</summary>
    /// <param name="engine">The engine that plans the case (for the calendar file).</param>
    /// <param name="case">The case; its <see cref="RunnerUpCase.CandidateEmail"/> is the recipient.</param>
    /// <param name="reminder">The reminder.</param>
    /// <param name="from">The sender.</param>
    /// <param name="clock">The clock that stamps the message and the calendar.</param>
    /// <param name="calendar">Calendar settings; <see langword="null"/> for the defaults with the reminder's send time as the time of day.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The case has no candidate email, or it is invalid.</exception>
    public static MimeMessage Build(PlaybookEngine engine, RunnerUpCase @case, Reminder reminder, MailboxAddress from, IClock clock, CalendarExportOptions? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(@case.CandidateEmail))
        {
            throw new ArgumentException("The case has no candidateEmail to send the reminder to.", nameof(@case));
        }

        var now = clock.GetCurrentInstant();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(@case.TimeZone) ?? DateTimeZone.Utc;
        var today = now.InZone(zone).Date;
        var plan = engine.Plan(@case, LocalDate.Max(today, @case.Events[^1].On));
        var ics = PlanCalendar.Export(plan, clock, calendar ?? new CalendarExportOptions { TimeOfDay = reminder.LocalSendTime.TimeOfDay }, reminder.CaseId);

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(@case.Candidate, @case.CandidateEmail));
        message.Subject = Subject(@case, reminder);
        message.MessageId = reminder.Id + "@" + MessageIdDomain;
        message.Date = now.ToDateTimeOffset();

        var builder = new BodyBuilder { TextBody = Text(@case, reminder), HtmlBody = Html(@case, reminder) };
        builder.Attachments.Add("plan.ics", Encoding.UTF8.GetBytes(ics), new ContentType("text", "calendar") { Charset = "utf-8", Parameters = { { "method", "PUBLISH" } } });
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string Subject(RunnerUpCase @case, Reminder reminder) =>
        $"{ActionTitle(reminder)} for {@case.Role} at {@case.Company}: due {Date(reminder.DueOn)}";

    private static string ActionTitle(Reminder reminder) => reminder.Action switch
    {
        Rules.PlaybookAction.ThankAndAskWhereShort => "Thank them and ask where you fell short",
        Rules.PlaybookAction.ReaffirmInterest => "Say you are still interested",
        Rules.PlaybookAction.SendThankYouNote => "Send your thank-you note",
        Rules.PlaybookAction.FollowUp => "Time to follow up",
        Rules.PlaybookAction.RespondToApproach => "Answer their approach",
        Rules.PlaybookAction.NegotiateOffer => "Negotiate the offer",
        _ => reminder.Action.ToString(),
    };

    private static string Window(Reminder reminder) =>
        reminder.WindowStart is { } start && reminder.WindowEnd is { } end
            ? $"Best between {Date(start)} and {Date(end)}; due {Date(reminder.DueOn)}."
            : $"Due {Date(reminder.DueOn)}.";

    private static string Text(RunnerUpCase @case, Reminder reminder)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Hello {@case.Candidate},\n\n")
            .Append(CultureInfo.InvariantCulture, $"{ActionTitle(reminder)} ({@case.Role} at {@case.Company}). {Window(reminder)}\n\n")
            .Append(reminder.Guidance).Append("\n\n");
        if (@case.Contact is { } contact)
        {
            text.Append(CultureInfo.InvariantCulture, $"Your contact: {contact.Name}{(contact.Email is null ? string.Empty : " <" + contact.Email + ">")}\n\n");
        }

        return text.Append("The attached plan.ics puts the coming steps in your calendar.\n").ToString();
    }

    private static string Html(RunnerUpCase @case, Reminder reminder)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<p>Hello {E(@case.Candidate)},</p>")
            .Append(CultureInfo.InvariantCulture, $"<p><strong>{E(ActionTitle(reminder))}</strong> ({E(@case.Role)} at {E(@case.Company)}). {E(Window(reminder))}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(reminder.Guidance)}</p>");
        if (@case.Contact is { } contact)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Your contact: {E(contact.Name)}{(contact.Email is null ? string.Empty : " &lt;" + E(contact.Email) + "&gt;")}</p>");
        }

        return html.Append("<p>The attached plan.ics puts the coming steps in your calendar.</p>").ToString();
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
