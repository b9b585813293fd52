using NodaTime.Testing;
using SecondChance.Scheduling;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Scheduling;

public class EdgeDateTests
{
    private static readonly PlaybookEngine Engine = new();

    [Fact]
    public void Decide_CallOnFriday_NoteDueMonday()
    {
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new FeedbackRecorded(D(2026, 3, 6)), new InterestReaffirmed(D(2026, 3, 6)));

        Engine.Decide(c, D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 3, 9));
    }

    [Theory]
    [InlineData("SeniorExecutive", 2026, 2027, 3, 1)] // 2027-02-28 is a Sunday
    [InlineData("SeniorExecutive", 2027, 2028, 2, 29)] // leap year: Feb 29 2028 is a Tuesday
    [InlineData("MiddleManagement", 2026, 2027, 2, 1)] // Jan 31 2027 is a Sunday
    [InlineData("IndividualContributor", 2027, 2027, 12, 31)] // Dec 31 2027 is a Friday
    public void Decide_NoteOnAugust31_MonthEndClampedThenMovedOffWeekend(string level, int noteYear, int y, int m, int d)
    {
        var note = D(noteYear, 8, 31);
        var c = New(new JobLevel(level), new Notified(note), new NoteSent(note, NoteChannel.Letter));

        Engine.Decide(c, note).Next.DueOn.Should().Be(D(y, m, d));
    }

    [Fact]
    public void Decide_NoteOnLeapDay_FollowUpOnLastDayOfMonth()
    {
        var note = D(2028, 2, 29);
        var c = New(JobLevel.IndividualContributor, new Notified(note), new NoteSent(note, NoteChannel.Card));

        Engine.Decide(c, note).Next.DueOn.Should().Be(D(2028, 6, 29)); // a Thursday
    }

    [Fact]
    public void Decide_HolidayCalendar_SkipsHolidays()
    {
        var options = new PlaybookOptions();
        options.Holidays.Add(D(2026, 3, 9));
        options.Holidays.Add(D(2026, 3, 10));
        var engine = new PlaybookEngine(options);
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new InterestReaffirmed(D(2026, 3, 6)));

        engine.Decide(c, D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 3, 11));
    }

    [Fact]
    public void Decide_FollowUpLandingOnHoliday_MovesToNextBusinessDay()
    {
        var options = new PlaybookOptions();
        options.Holidays.Add(D(2026, 8, 6));
        var engine = new PlaybookEngine(options);

        engine.Decide(New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6))), D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 8, 7));
    }

    [Fact]
    public void Decide_SixDayWorkWeek_SaturdayCounts()
    {
        var options = new PlaybookOptions();
        options.BusinessDays.Add(IsoDayOfWeek.Saturday);
        var engine = new PlaybookEngine(options);
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new InterestReaffirmed(D(2026, 3, 6)));

        engine.Decide(c, D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 3, 7));
    }

    [Theory]
    [InlineData("2026-03-09T07:30:00Z", "America/Los_Angeles", 2026, 3, 9)] // just after spring-forward: PDT, UTC-7
    [InlineData("2026-11-02T07:30:00Z", "America/Los_Angeles", 2026, 11, 1)] // just after fall-back: PST, UTC-8
    [InlineData("2026-03-07T12:00:00Z", "America/Los_Angeles", 2026, 3, 7)]
    [InlineData("2026-03-07T12:00:00Z", "Pacific/Auckland", 2026, 3, 8)] // same instant, next day across the date line
    [InlineData("2026-03-07T12:00:00Z", "Pacific/Kiritimati", 2026, 3, 8)]
    [InlineData("2026-03-07T12:00:00Z", "UTC", 2026, 3, 7)]
    public void Today_UsesTheCaseTimeZone(string instant, string zone, int y, int m, int d)
    {
        var clock = new FakeClock(NodaTime.Text.InstantPattern.ExtendedIso.Parse(instant).Value);
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 1))) with { TimeZone = zone };

        Engine.Today(c, clock).Should().Be(D(y, m, d));
        Engine.Decide(c, clock).Today.Should().Be(D(y, m, d));
    }

    [Fact]
    public void Decide_SameInstant_OverdueInAucklandButNotInLosAngeles()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 9, 12, 0)); // LA: Mar 9 05:00; Auckland: Mar 10 01:00
        var events = new CaseEvent[] { new Notified(D(2026, 3, 6)), new InterestReaffirmed(D(2026, 3, 6)) };
        var la = New(JobLevel.MiddleManagement, events) with { TimeZone = "America/Los_Angeles" };
        var akl = la with { TimeZone = "Pacific/Auckland" };

        Engine.Decide(la, clock).Next.Overdue.Should().BeFalse();
        Engine.Decide(akl, clock).Next.Overdue.Should().BeTrue();
    }

    [Fact]
    public void Decide_EventTodayInAucklandButTomorrowInLosAngeles_IsValidOnlyWhereItHappened()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 7, 12, 0));
        var akl = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 8))) with { TimeZone = "Pacific/Auckland" };

        Engine.Decide(akl, clock).IsValid.Should().BeTrue();
        Engine.Decide(akl with { TimeZone = "America/Los_Angeles" }, clock).Errors
            .Should().ContainSingle().Which.ToString().Should().Be("events[0].on: must not be after today (2026-03-07)");
    }

    [Fact]
    public void BusinessCalendar_AddBusinessDays_CountsOnlyWorkingDays()
    {
        var calendar = BusinessCalendar.Default;

        calendar.AddBusinessDays(D(2026, 8, 20), 2).Should().Be(D(2026, 8, 24));
        calendar.AddBusinessDays(D(2026, 8, 22), 0).Should().Be(D(2026, 8, 24));
        calendar.OnOrAfter(D(2026, 8, 24)).Should().Be(D(2026, 8, 24));
        calendar.IsBusinessDay(D(2026, 8, 22)).Should().BeFalse();
        FluentActions.Invoking(() => calendar.AddBusinessDays(D(2026, 1, 1), -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new BusinessCalendar([], [])).Should().Throw<ArgumentException>();
    }
}
