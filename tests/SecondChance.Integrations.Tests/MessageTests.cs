using System.Text.Json;
using MimeKit;
using NodaTime.Testing;
using SecondChance.Integrations.Messages;
using SecondChance.Integrations.Reminders;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Integrations.Tests;

public class MessageTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 7, 23, 16, 0));

    private static readonly RunnerUpCase Case = new()
    {
        Candidate = "Renée Faßbender",
        CandidateEmail = "renee@mail.example",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = JobLevel.MiddleManagement,
        TimeZone = "America/Los_Angeles",
        Contact = new Contact("Pat Lee", "pat@contoso.example"),
        Events = [new Notified(new LocalDate(2026, 3, 6)), new FeedbackRecorded(new LocalDate(2026, 3, 6)), new InterestReaffirmed(new LocalDate(2026, 3, 6)), new NoteSent(new LocalDate(2026, 3, 6), NoteChannel.Email)],
    };

    private static Reminder Reminder() => ReminderPlanner.DueAt("c-42", Engine.Decide(Case, Clock), Clock.GetCurrentInstant())!;

    [Fact]
    public void ActionDue_HasTheDocumentedShape()
    {
        var message = ActionDueMessage.For(Reminder(), Case, Clock.GetCurrentInstant());

        using var json = JsonDocument.Parse(message.ToUtf8Json());
        var root = json.RootElement;
        root.GetProperty("type").GetString().Should().Be("action.due");
        root.GetProperty("timestamp").GetString().Should().Be("2026-07-23T16:00:00Z");
        var data = root.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).Should().Equal(
            "caseId", "candidate", "company", "role", "action", "step", "covers", "dueOn", "windowStart", "windowEnd", "guidance", "reminderId");
        data.GetProperty("caseId").GetString().Should().Be("c-42");
        data.GetProperty("candidate").GetString().Should().Be("Renée Faßbender");
        data.GetProperty("action").GetString().Should().Be("FollowUp");
        data.GetProperty("step").GetInt32().Should().Be(7);
        data.GetProperty("covers").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(7, 8);
        data.GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        data.GetProperty("windowStart").GetString().Should().Be("2026-07-23");
        data.GetProperty("windowEnd").GetString().Should().Be("2026-08-20");
        data.GetProperty("reminderId").GetString().Should().Be(Reminder().Id);
    }

    [Fact]
    public void SignedWebhook_VerifiesWithTheReceiversSecret_AndKeepsItsIdOnRetry()
    {
        var secret = StandardWebhookSecret.Generate();
        var message = ActionDueMessage.For(Reminder(), Case, Clock.GetCurrentInstant());

        var first = SignedWebhook.Sign(message, secret, Clock.GetCurrentInstant());
        var retry = SignedWebhook.Sign(message, secret, Clock.GetCurrentInstant() + Duration.FromMinutes(10));

        retry.Id.Should().Be(first.Id).And.Be(Reminder().Id);
        retry.Headers[StandardWebhooks.IdHeader].Should().Be(first.Headers[StandardWebhooks.IdHeader]);
        retry.Headers[StandardWebhooks.SignatureHeader].Should().NotBe(first.Headers[StandardWebhooks.SignatureHeader]);
        foreach (var (sent, at) in new[] { (first, Clock.GetCurrentInstant()), (retry, Clock.GetCurrentInstant() + Duration.FromMinutes(10)) })
        {
            StandardWebhooks.Verify(secret, sent.Headers["webhook-id"], sent.Headers["webhook-timestamp"], sent.Headers["webhook-signature"], sent.Body.Span, at)
                .IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public void Email_ParsedBack_HasSubjectBothBodiesAndThePlansCalendar()
    {
        var email = ReminderEmail.Build(Engine, Case, Reminder(), new MailboxAddress("Board", "reminders@board.example"), Clock);

        using var stream = new MemoryStream();
        email.WriteTo(stream);
        stream.Position = 0;
        var parsed = MimeMessage.Load(stream);

        parsed.Subject.Should().Be("Time to follow up for Engineering Manager at Contoso: due 2026-08-06");
        parsed.To.Mailboxes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Renée Faßbender", Address = "renee@mail.example" });
        parsed.MessageId.Should().Be(Reminder().Id + "@reminders.secondchance");
        parsed.TextBody.Should().Contain("Best between 2026-07-23 and 2026-08-20; due 2026-08-06.").And.Contain("Pat Lee <pat@contoso.example>");
        parsed.HtmlBody.Should().Contain("<strong>Time to follow up</strong>").And.Contain("Ren&#233;e");
        var ics = parsed.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        ics.FileName.Should().Be("plan.ics");
        ics.ContentType.MimeType.Should().Be("text/calendar");
        using var content = new MemoryStream();
        ics.Content!.DecodeTo(content);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
        text.Should().StartWith("BEGIN:VCALENDAR").And.Contain("UID:c-42-FollowUp@secondchance").And.Contain("DTSTART;TZID=America/Los_Angeles:20260806T090000");
    }

    [Fact]
    public void Email_WithoutACandidateEmail_IsRefused() =>
        FluentActions.Invoking(() => ReminderEmail.Build(Engine, Case with { CandidateEmail = null }, Reminder(), new MailboxAddress("Board", "reminders@board.example"), Clock))
            .Should().Throw<ArgumentException>().WithMessage("*candidateEmail*");
}
