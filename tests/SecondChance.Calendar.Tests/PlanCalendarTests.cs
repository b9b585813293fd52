using Ical.Net.CalendarComponents;
using NodaTime.Testing;
using SecondChance.Calendar;
using IcalCalendar = Ical.Net.Calendar;

namespace SecondChance.Calendar.Tests;

public class PlanCalendarTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 10, 17, 45, 12));

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    private static RunnerUpCase Case(JobLevel level, string zone, params CaseEvent[] events) => new()
    {
        Candidate = "Alex Rivera",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = level,
        TimeZone = zone,
        Contact = new Contact("Pat Lee", "pat@contoso.example"),
        Events = events,
    };

    private static CaseEvent[] UpToNote(LocalDate call, NoteChannel? channel = NoteChannel.Email)
    {
        var events = new List<CaseEvent> { new Notified(call), new FeedbackRecorded(call, ["has not led a team of 10 or more"]), new InterestReaffirmed(call) };
        if (channel is { } c)
        {
            events.Add(new NoteSent(call, c));
        }

        return events.ToArray();
    }

    private static IcalCalendar Parse(string ics) => IcalCalendar.Load(ics) ?? throw new InvalidOperationException("did not parse");

    private static CalendarEvent Timed(IcalCalendar cal, string rule) =>
        cal.Events.Single(e => e.Uid!.EndsWith("-" + rule + "@secondchance", StringComparison.Ordinal));

    [Fact]
    public void Export_DesignExample_OneTimedEntryPerUpcomingRuleFieldByField()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));

        var ics = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock);
        var cal = Parse(ics);

        ics.Should().Contain("\r\n").And.StartWith("BEGIN:VCALENDAR");
        cal.ProductId.Should().Be(PlanCalendar.ProductId);
        cal.TimeZones.Should().ContainSingle().Which.TzId.Should().Be("America/Los_Angeles");

        var key = PlanCalendar.CaseKey(@case);
        key.Should().MatchRegex("^[0-9a-f]{32}$");
        cal.Events.Select(e => e.Uid).Should().BeEquivalentTo(
            $"{key}-FollowUp@secondchance", $"{key}-FollowUp-window@secondchance",
            $"{key}-AwaitApproach@secondchance", $"{key}-AwaitApproach-window@secondchance");

        var followUp = Timed(cal, "FollowUp");
        followUp.DtStart!.TzId.Should().Be("America/Los_Angeles");
        (followUp.DtStart.Year, followUp.DtStart.Month, followUp.DtStart.Day, followUp.DtStart.Hour, followUp.DtStart.Minute).Should().Be((2026, 8, 6, 9, 0));
        followUp.DtStart.AsUtc.Should().Be(new DateTime(2026, 8, 6, 16, 0, 0, DateTimeKind.Utc));
        followUp.Duration.Should().Be(Ical.Net.DataTypes.Duration.FromMinutes(30));
        followUp.Summary.Should().Be("Steps 7-8: Follow up with the same person months later (Engineering Manager, Contoso)");
        followUp.Description.Should().Contain(Engine.RuleSet.Rules.Single(r => r.Name == "FollowUp").Guidance)
            .And.Contain("Due: Thursday 2026-08-06.")
            .And.Contain("On time from 2026-07-23 to 2026-08-20.")
            .And.Contain("Contact: Pat Lee (pat@contoso.example).");
        followUp.DtStamp!.AsUtc.Should().Be(new DateTime(2026, 3, 10, 17, 45, 12, DateTimeKind.Utc));
        var alarm = followUp.Alarms.Should().ContainSingle().Subject;
        alarm.Action.Should().Be("DISPLAY");
        alarm.Trigger!.Duration.Should().Be(Ical.Net.DataTypes.Duration.FromDays(-1));

        var awaitApproach = Timed(cal, "AwaitApproach");
        awaitApproach.Summary.Should().StartWith("Step 9: ");
        awaitApproach.Description.Should().Contain("(projected: assumes the earlier steps happen when due)");
        (awaitApproach.DtStart!.Month, awaitApproach.DtStart.Day, awaitApproach.DtStart.Hour).Should().Be((8, 27, 9));

        var window = cal.Events.Single(e => e.Uid == $"{key}-FollowUp-window@secondchance");
        window.IsAllDay.Should().BeTrue();
        window.DtStart!.Date.Should().Be(new DateOnly(2026, 7, 23));
        window.DtEnd!.Date.Should().Be(new DateOnly(2026, 8, 21)); // exclusive end: the window's last day is Aug 20
        window.Transparency.Should().Be("TRANSPARENT");
        window.Alarms.Should().BeEmpty();
    }

    [Fact]
    public void Export_AcrossSpringDstChange_NineStaysNineLocal()
    {
        // Call on Friday 6 March; clocks go forward on Sunday 8 March; the note is due Monday 9 March.
        var @case = Case(JobLevel.IndividualContributor, "America/Los_Angeles", UpToNote(D(2026, 3, 6), channel: null));

        var cal = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 6)), Clock));

        var note = Timed(cal, "SendThankYouNote");
        note.Summary.Should().StartWith("Steps 5-6: ");
        (note.DtStart!.Month, note.DtStart.Day, note.DtStart.Hour, note.DtStart.TzId).Should().Be((3, 9, 9, "America/Los_Angeles"));
        note.DtStart.AsUtc.Should().Be(new DateTime(2026, 3, 9, 16, 0, 0, DateTimeKind.Utc)); // PDT, UTC-7
        note.Alarms.Single().Trigger!.Duration.Should().Be(Ical.Net.DataTypes.Duration.FromDays(-1));
        var followUp = Timed(cal, "FollowUp");
        (followUp.DtStart!.Month, followUp.DtStart.Day, followUp.DtStart.Hour).Should().Be((7, 9, 9));
    }

    [Fact]
    public void Export_AcrossAutumnDstChange_WindowSpansTheChangeAndDueStaysNineLocal()
    {
        // A note on 1 July for an individual contributor: follow-up 4 months later, Monday 2 November, the day after clocks go back.
        var @case = Case(JobLevel.IndividualContributor, "America/Los_Angeles", UpToNote(D(2026, 7, 1)));

        var cal = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 7, 1)), Clock));

        var followUp = Timed(cal, "FollowUp");
        (followUp.DtStart!.Month, followUp.DtStart.Day, followUp.DtStart.Hour).Should().Be((11, 2, 9));
        followUp.DtStart.AsUtc.Should().Be(new DateTime(2026, 11, 2, 17, 0, 0, DateTimeKind.Utc)); // PST, UTC-8
        followUp.Description.Should().Contain("On time from 2026-10-19 to 2026-11-16.");
        var awaitApproach = Timed(cal, "AwaitApproach");
        (awaitApproach.DtStart!.Month, awaitApproach.DtStart.Day, awaitApproach.DtStart.Hour).Should().Be((11, 16, 9));
    }

    [Theory]
    [InlineData("Pacific/Auckland", 2026, 8, 6, 21)]   // NZST, UTC+12: 09:00 on the 6th is 21:00 UTC on the 5th
    [InlineData("Pacific/Kiritimati", 2026, 8, 6, 19)] // UTC+14: 09:00 on the 6th is 19:00 UTC on the 5th
    public void Export_FarTimeZones_LocalNineOnTheLocalDueDate(string zone, int y, int m, int d, int utcHour)
    {
        var @case = Case(JobLevel.MiddleManagement, zone, UpToNote(D(2026, 3, 6)));

        var ics = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock);
        var cal = Parse(ics);

        cal.TimeZones.Should().ContainSingle().Which.TzId.Should().Be(zone);
        ics.Should().Contain($"DTSTART;TZID={zone}:{y:D4}{m:D2}{d:D2}T090000");
        var followUp = Timed(cal, "FollowUp");
        (followUp.DtStart!.Year, followUp.DtStart.Month, followUp.DtStart.Day, followUp.DtStart.Hour).Should().Be((y, m, d, 9));
        followUp.DtStart.AsUtc.Should().Be(new DateTime(y, m, d - 1, utcHour, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Export_AucklandSummerTime_OffsetChangesButLocalTimeDoesNot()
    {
        // Auckland leaves daylight time on 5 April 2026: a reminder before is UTC+13, after is UTC+12.
        var @case = Case(JobLevel.MiddleManagement, "Pacific/Auckland", UpToNote(D(2026, 3, 6), channel: null));
        var options = new CalendarExportOptions { TimeOfDay = new LocalTime(9, 0) };

        var cal = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 6)), Clock, options));

        var note = Timed(cal, "SendThankYouNote");
        note.DtStart!.AsUtc.Should().Be(new DateTime(2026, 3, 8, 20, 0, 0, DateTimeKind.Utc)); // Mon 9 March 09:00 NZDT
        var followUp = Timed(cal, "FollowUp");
        (followUp.DtStart!.Month, followUp.DtStart.Day, followUp.DtStart.Hour).Should().Be((8, 10, 9));
        followUp.DtStart.AsUtc.Should().Be(new DateTime(2026, 8, 9, 21, 0, 0, DateTimeKind.Utc)); // NZST
    }

    [Fact]
    public void Export_TwiceWithTheSameInput_IsByteForByteTheSame()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));

        var a = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock);
        var b = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock);

        a.Should().Be(b);
    }

    [Fact]
    public void Export_AfterTheNoteIsSentOnTime_FollowUpEntryKeepsItsUidAndFields()
    {
        var before = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6), channel: null));
        var after = before.With(new NoteSent(D(2026, 3, 9), NoteChannel.Email));

        var calBefore = Parse(PlanCalendar.Export(Engine.Plan(before, D(2026, 3, 6)), Clock));
        var calAfter = Parse(PlanCalendar.Export(Engine.Plan(after, D(2026, 3, 9)), Clock));

        PlanCalendar.CaseKey(before).Should().Be(PlanCalendar.CaseKey(after));
        calBefore.Events.Select(e => e.Uid).Should().Contain(calAfter.Events.Select(e => e.Uid));
        calAfter.Events.Should().NotContain(e => e.Uid!.Contains("SendThankYouNote", StringComparison.Ordinal));
        foreach (var rule in new[] { "FollowUp", "AwaitApproach" })
        {
            var x = Timed(calBefore, rule);
            var y = Timed(calAfter, rule);
            (y.Uid, y.DtStart, y.Summary, y.Duration).Should().Be((x.Uid, x.DtStart, x.Summary, x.Duration));
        }
    }

    [Fact]
    public void Export_WithCaseId_UsesItForUids()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));

        var cal = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, caseId: "case-42"));

        Timed(cal, "FollowUp").Uid.Should().Be("case-42-FollowUp@secondchance");
        PlanCalendar.CaseKey(@case, "Alex / Contoso #1").Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public void CaseKey_DependsOnIdentityNotHistoryOrLetterCase()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));

        PlanCalendar.CaseKey(@case with { Candidate = "  alex RIVERA " }).Should().Be(PlanCalendar.CaseKey(@case));
        PlanCalendar.CaseKey(@case with { Level = JobLevel.SeniorExecutive }).Should().Be(PlanCalendar.CaseKey(@case));
        PlanCalendar.CaseKey(@case with { Role = "Director" }).Should().NotBe(PlanCalendar.CaseKey(@case));
        PlanCalendar.CaseKey(Case(JobLevel.MiddleManagement, "UTC", UpToNote(D(2026, 3, 5)))).Should().NotBe(PlanCalendar.CaseKey(@case));
    }

    [Fact]
    public void Export_Options_TimeAlarmLengthAndNoWindowEntries()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));
        var options = new CalendarExportOptions
        {
            TimeOfDay = new LocalTime(17, 30),
            ReminderLength = NodaTime.Duration.FromHours(1),
            AlarmBefore = NodaTime.Duration.FromHours(2),
            WindowAsAllDayEvent = false,
        };

        var ics = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, options);
        var cal = Parse(ics);

        cal.Events.Should().HaveCount(2);
        var followUp = Timed(cal, "FollowUp");
        (followUp.DtStart!.Hour, followUp.DtStart.Minute).Should().Be((17, 30));
        ics.Should().Contain("DURATION:PT1H").And.Contain("TRIGGER:-PT2H");
        followUp.Description.Should().Contain("On time from 2026-07-23 to 2026-08-20.");

        var silent = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, new CalendarExportOptions { AlarmBefore = null }));
        silent.Events.Should().OnlyContain(e => e.Alarms.Count == 0);
    }

    [Fact]
    public void Export_UtcCase_WritesUtcTimes()
    {
        var @case = Case(JobLevel.MiddleManagement, "UTC", UpToNote(D(2026, 3, 6)));

        var ics = PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock);

        ics.Should().Contain("DTSTART:20260806T090000Z");
        Timed(Parse(ics), "FollowUp").DtStart!.AsUtc.Should().Be(new DateTime(2026, 8, 6, 9, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Export_ClosedCase_CalendarWithoutEvents()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", [.. UpToNote(D(2026, 3, 6)), new Closed(D(2026, 3, 9), CloseReason.TookOtherJob)]);

        var cal = Parse(PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock));

        cal.Events.Should().BeEmpty();
    }

    [Fact]
    public void Export_Misuse_Throws()
    {
        var @case = Case(JobLevel.MiddleManagement, "America/Los_Angeles", UpToNote(D(2026, 3, 6)));

        FluentActions.Invoking(() => PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 1)), Clock))
            .Should().Throw<ArgumentException>().WithMessage("The case is invalid: events*");
        FluentActions.Invoking(() => PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, caseId: " "))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), Clock, new CalendarExportOptions { UidDomain = "a b" }))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => PlanCalendar.Export(Engine.Plan(@case, D(2026, 3, 10)), null!))
            .Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => PlanCalendar.Export(null!, Clock))
            .Should().Throw<ArgumentNullException>();
    }
}
