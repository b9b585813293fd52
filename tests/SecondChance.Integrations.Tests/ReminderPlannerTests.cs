using NodaTime.Testing;
using SecondChance.Integrations.Reminders;
using SecondChance.Rules;

namespace SecondChance.Integrations.Tests;

public class ReminderPlannerTests
{
    private static readonly PlaybookEngine Engine = new();

    private static RunnerUpCase Case(string zone, params CaseEvent[] events) => new()
    {
        Candidate = "Alex Rivera",
        CandidateEmail = "alex@mail.example",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = JobLevel.MiddleManagement,
        TimeZone = zone,
        Events = events,
    };

    private static CaseEvent[] UpToNote(LocalDate call) =>
        [new Notified(call), new FeedbackRecorded(call, ["has not led a team of 10 or more"]), new InterestReaffirmed(call), new NoteSent(call, NoteChannel.Email)];

    private static Reminder? DueAt(RunnerUpCase c, Instant now, ReminderOptions? options = null)
    {
        var clock = new FakeClock(now);
        return ReminderPlanner.DueAt("case-1", Engine.Decide(c, clock), clock.GetCurrentInstant(), options);
    }

    [Fact]
    public void FollowUp_IsDueAtNineLocal_OnTheWindowsFirstDay()
    {
        var c = Case("America/Los_Angeles", UpToNote(new LocalDate(2026, 3, 6)));
        var sendAt = Instant.FromUtc(2026, 7, 23, 16, 0); // 09:00 PDT

        DueAt(c, sendAt - Duration.FromSeconds(1)).Should().BeNull();
        var reminder = DueAt(c, sendAt)!;

        reminder.Should().BeEquivalentTo(new
        {
            CaseId = "case-1",
            Rule = "FollowUp",
            Action = PlaybookAction.FollowUp,
            Step = (int?)7,
            DueOn = new LocalDate(2026, 8, 6),
            WindowStart = (LocalDate?)new LocalDate(2026, 7, 23),
            WindowEnd = (LocalDate?)new LocalDate(2026, 8, 20),
            LocalSendTime = new LocalDateTime(2026, 7, 23, 9, 0),
            TimeZone = "America/Los_Angeles",
            SendAt = sendAt,
        });
        reminder.Covers.Should().Equal(7, 8);
        reminder.Guidance.Should().NotBeNullOrWhiteSpace();
        reminder.Id.Should().MatchRegex("^rem_[0-9a-f]{32}$");
    }

    [Theory]
    [InlineData("America/New_York", 2026, 3, 8, 13)]   // clocks went forward at 02:00 that morning: 09:00 EDT is 13:00 UTC
    [InlineData("America/New_York", 2026, 3, 7, 14)]   // the day before, 09:00 EST is 14:00 UTC
    [InlineData("America/New_York", 2026, 11, 1, 14)]  // clocks went back that morning: 09:00 EST
    [InlineData("Europe/London", 2026, 3, 29, 8)]      // British Summer Time starts that day
    [InlineData("Pacific/Kiritimati", 2026, 3, 6, -5)]  // UTC+14: 09:00 local is 19:00 UTC the day before
    [InlineData("Pacific/Pago_Pago", 2026, 3, 6, 20)]  // UTC-11
    [InlineData("UTC", 2026, 3, 6, 9)]
    public void ThankAndAsk_IsDueAtNineLocal_NotUtc(string zone, int y, int m, int d, int utcHour)
    {
        var call = new LocalDate(y, m, d);
        var c = Case(zone, new Notified(call));
        var sendAt = Instant.FromUtc(y, m, d, 0, 0) + Duration.FromHours(utcHour);

        DueAt(c, sendAt - Duration.FromMinutes(1)).Should().BeNull();
        var reminder = DueAt(c, sendAt)!;
        reminder.SendAt.Should().Be(sendAt);
        reminder.LocalSendTime.Should().Be(call.At(new LocalTime(9, 0)));
        reminder.SendAt.InZone(DateTimeZoneProviders.Tzdb[zone]).TimeOfDay.Should().Be(new LocalTime(9, 0));
    }

    [Fact]
    public void SendTimeSkippedByAClockChange_MovesForwardByTheGap()
    {
        var c = Case("America/New_York", new Notified(new LocalDate(2026, 3, 8)));
        var options = new ReminderOptions { SendAt = new LocalTime(2, 30) };

        var reminder = ReminderPlanner.Plan("case-1", Engine.Decide(c, new LocalDate(2026, 3, 8)), options)!;

        reminder.SendAt.Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30)); // 03:30 EDT
    }

    [Fact]
    public void SendTime_IsConfigurable()
    {
        var c = Case("Europe/Berlin", new Notified(new LocalDate(2026, 3, 6)));

        DueAt(c, Instant.FromUtc(2026, 3, 6, 6, 30), new ReminderOptions { SendAt = new LocalTime(7, 30) }).Should().NotBeNull();
        DueAt(c, Instant.FromUtc(2026, 3, 6, 6, 30)).Should().BeNull();
    }

    [Fact]
    public void ReminderId_IsStableForTheSameCaseRuleAndDueDate_AndChangesWithThem()
    {
        var c = Case("UTC", UpToNote(new LocalDate(2026, 3, 6)));
        var first = ReminderPlanner.Plan("case-1", Engine.Decide(c, new LocalDate(2026, 4, 1)))!;
        var later = ReminderPlanner.Plan("case-1", Engine.Decide(c, new LocalDate(2026, 7, 30)))!;

        later.Id.Should().Be(first.Id);
        ReminderPlanner.Plan("case-2", Engine.Decide(c, new LocalDate(2026, 4, 1)))!.Id.Should().NotBe(first.Id);
        ReminderPlanner.ReminderId("case-1", "FollowUp", new LocalDate(2026, 8, 6)).Should().Be(first.Id);

        var followedUp = c.With(new FollowUpMade(new LocalDate(2026, 7, 30), FollowUpOutcome.NoChange));
        var opening = followedUp.With(new Approached(new LocalDate(2026, 8, 3)));
        ReminderPlanner.Plan("case-1", Engine.Decide(opening, new LocalDate(2026, 8, 3)))!.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public void NoReminder_ForAClosedCase_OrTheEmployersMove_OrAnInvalidCase()
    {
        var closed = Case("UTC", new Notified(new LocalDate(2026, 3, 6)), new Closed(new LocalDate(2026, 3, 7), CloseReason.TookOtherJob));
        ReminderPlanner.Plan("case-1", Engine.Decide(closed, new LocalDate(2026, 3, 8))).Should().BeNull();

        var waiting = Case("UTC", [.. UpToNote(new LocalDate(2026, 3, 6)), new FollowUpMade(new LocalDate(2026, 8, 6), FollowUpOutcome.NoChange)]);
        var decision = Engine.Decide(waiting, new LocalDate(2026, 8, 7));
        decision.Next.Action.Should().Be(PlaybookAction.AwaitApproach);
        ReminderPlanner.Plan("case-1", decision).Should().BeNull();
        ReminderPlanner.Plan("case-1", decision, new ReminderOptions { EmployerActions = new HashSet<PlaybookAction>() }).Should().NotBeNull();

        var invalid = Case("Nowhere/Land", new Notified(new LocalDate(2026, 3, 6)));
        ReminderPlanner.Plan("case-1", Engine.Decide(invalid, new LocalDate(2026, 3, 8))).Should().BeNull();
    }

    [Fact]
    public void NoWindow_MeansTheDueDate()
    {
        var c = Case("UTC", new Notified(new LocalDate(2026, 3, 6)), new FeedbackRecorded(new LocalDate(2026, 3, 6)), new InterestReaffirmed(new LocalDate(2026, 3, 6)));

        var reminder = ReminderPlanner.Plan("case-1", Engine.Decide(c, new LocalDate(2026, 3, 6)))!;

        reminder.Action.Should().Be(PlaybookAction.SendThankYouNote);
        reminder.WindowStart.Should().BeNull();
        reminder.LocalSendTime.Date.Should().Be(reminder.DueOn);
    }

    [Fact]
    public void BlankCaseId_IsRefused() =>
        FluentActions.Invoking(() => ReminderPlanner.Plan("", Engine.Decide(Case("UTC", new Notified(new LocalDate(2026, 3, 6))), new LocalDate(2026, 3, 6))))
            .Should().Throw<ArgumentException>().WithParameterName("caseId");
}
