using SecondChance.Serialization;
using SecondChance.Validation;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Validation;

/// <summary>Every "Bad input" line of the design, each asserting the field path.</summary>
public class BadInputTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly LocalDate Today = D(2026, 3, 10);

    private static RunnerUpCase Valid() => New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6)));

    private static IEnumerable<string> Errors(RunnerUpCase c)
    {
        var decision = Engine.Decide(c, Today);
        decision.IsValid.Should().BeFalse();
        FluentActions.Invoking(() => decision.Next).Should().Throw<InvalidOperationException>();
        Engine.Plan(c, Today).Steps.Should().BeEmpty();
        return decision.Errors.Select(e => e.ToString());
    }

    private static IEnumerable<string> JsonErrors(string json) => SecondChanceJson.ParseCase(json).Errors.Select(e => e.ToString());

    private const string Doc = """
        { "candidate": "A", "company": "B", "role": "C", "level": "MiddleManagement", "timeZone": "UTC",
          "events": [ { "type": "Notified", "on": "2026-03-06" }, EVENT ] }
        """;

    [Fact]
    public void Decide_UnknownLevel_NamesTheLevel() =>
        Errors(Valid() with { Level = new JobLevel("Intern") }).Should().ContainSingle().Which.Should().StartWith("level: 'Intern' is not a known job level");

    [Fact]
    public void ParseCase_UnknownEventType_NamesTheEventType() =>
        JsonErrors(Doc.Replace("EVENT", """{ "type": "Ghosted", "on": "2026-03-07" }""")).Should().ContainSingle()
            .Which.Should().StartWith("events[1].type: 'Ghosted' is not a known event type");

    [Fact]
    public void ParseCase_UnknownChannel_NamesTheChannel() =>
        JsonErrors(Doc.Replace("EVENT", """{ "type": "NoteSent", "on": "2026-03-07", "channel": "Fax" }""")).Should().ContainSingle()
            .Which.Should().StartWith("events[1].channel: 'Fax' is not a known channel");

    [Fact]
    public void ParseCase_UnknownOutcome_NamesTheOutcome() =>
        JsonErrors(Doc.Replace("EVENT", """{ "type": "FollowUpMade", "on": "2026-03-07", "outcome": "Maybe" }""")).Should().ContainSingle()
            .Which.Should().StartWith("events[1].outcome: 'Maybe' is not a known outcome");

    [Fact]
    public void ParseCase_UnknownReason_NamesTheReason() =>
        JsonErrors(Doc.Replace("EVENT", """{ "type": "Closed", "on": "2026-03-07", "reason": "Bored" }""")).Should().ContainSingle()
            .Which.Should().StartWith("events[1].reason: 'Bored' is not a known reason");

    [Fact]
    public void Decide_UndefinedEnumValuesFromCode_NamesEachField()
    {
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new NoteSent(D(2026, 3, 6), (NoteChannel)42)))
            .Should().ContainSingle().Which.Should().StartWith("events[1].channel: '42' is not a known channel");
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new FollowUpMade(D(2026, 3, 6), (FollowUpOutcome)9)))
            .Should().ContainSingle().Which.Should().StartWith("events[1].outcome:");
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 6), (CloseReason)9)))
            .Should().ContainSingle().Which.Should().StartWith("events[1].reason:");
    }

    [Fact]
    public void Decide_UnknownTimeZone_NamesTheZone() =>
        Errors(Valid() with { TimeZone = "Mars/Olympus_Mons" }).Should().ContainSingle()
            .Which.Should().Be("timeZone: 'Mars/Olympus_Mons' is not a known IANA time zone id (for example America/Los_Angeles)");

    [Fact]
    public void Decide_FirstEventNotNotified_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new NoteSent(D(2026, 3, 6), NoteChannel.Email))).Should().ContainSingle()
            .Which.Should().Be("events[0].type: the first event must be Notified, not NoteSent");

    [Fact]
    public void Decide_NoEventsAtAll_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement)).Should().ContainSingle().Which.Should().Be("events: must not be empty; a case starts with a Notified event");

    [Fact]
    public void Decide_RepeatedNotified_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Notified(D(2026, 3, 7)))).Should().ContainSingle()
            .Which.Should().Be("events[1].type: Notified may appear only once, as the first event");

    [Fact]
    public void Decide_NotifiedNotFirst_ReportsBothEvents() =>
        Errors(New(JobLevel.MiddleManagement, new FeedbackRecorded(D(2026, 3, 6)), new Notified(D(2026, 3, 6)))).Should()
            .BeEquivalentTo("events[0].type: the first event must be Notified, not FeedbackRecorded", "events[1].type: Notified may appear only once, as the first event");

    [Fact]
    public void Decide_DatesOutOfOrder_NamesThePreviousEvent() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new FeedbackRecorded(D(2026, 3, 5)))).Should().ContainSingle()
            .Which.Should().Be("events[1].on: must not be before the previous event, the call on 6 March 2026");

    [Fact]
    public void Decide_EventAfterClosed_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 6), CloseReason.Withdrew), new Approached(D(2026, 3, 7))))
            .Should().ContainSingle().Which.Should().Be("events[2]: no event may follow Closed (events[1])");

    [Fact]
    public void Decide_RespondByBeforeOffer_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new OfferReceived(D(2026, 3, 8), D(2026, 3, 7)))).Should().ContainSingle()
            .Which.Should().Be("events[1].respondBy: must not be before the offer (2026-03-08)");

    [Fact]
    public void Decide_EventAfterToday_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Approached(D(2026, 3, 11)))).Should().ContainSingle()
            .Which.Should().Be("events[1].on: must not be after today (2026-03-10)");

    [Theory]
    [InlineData("candidate")]
    [InlineData("company")]
    [InlineData("role")]
    [InlineData("contact.name")]
    public void Decide_EmptyOrOverLongName_IsRejectedAndTheLimitAccepted(string field)
    {
        RunnerUpCase With(string value) => field switch
        {
            "candidate" => Valid() with { Candidate = value },
            "company" => Valid() with { Company = value },
            "role" => Valid() with { Role = value },
            _ => Valid() with { Contact = new Contact(value) },
        };

        Errors(With("  ")).Should().ContainSingle().Which.Should().Be($"{field}: must not be empty");
        Errors(With(new string('x', 201))).Should().ContainSingle().Which.Should().Be($"{field}: must be at most 200 characters (it has 201)");
        Engine.Decide(With(new string('x', 200)), Today).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("candidate", "\u200b")]
    [InlineData("company", "\u200b\u200d\ufeff")]
    [InlineData("role", "\u0001\u001b")]
    [InlineData("contact.name", " \u2060\u0085 ")]
    public void Decide_NameOfOnlyControlOrZeroWidthCharacters_IsRejected(string field, string value)
    {
        RunnerUpCase With(string text) => field switch
        {
            "candidate" => Valid() with { Candidate = text },
            "company" => Valid() with { Company = text },
            "role" => Valid() with { Role = text },
            _ => Valid() with { Contact = new Contact(text) },
        };

        Errors(With(value)).Should().ContainSingle().Which.Should().Be($"{field}: must hold visible characters, not only control or zero-width ones");
        Engine.Decide(With(value), Today).IsValid.Should().BeFalse();
        Engine.Decide(With("\u200bZoë 李 🙂"), Today).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Decide_OpeningTitleOfOnlyZeroWidthCharacters_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new OpeningSeen(D(2026, 3, 7), "\u200b\u2060", OpeningMatch.Reopened)))
            .Should().ContainSingle().Which.Should().Be("events[1].title: must hold visible characters, not only control or zero-width ones");

    [Theory]
    [InlineData("company")]
    [InlineData("title")]
    [InlineData("location")]
    [InlineData("id")]
    public void Validate_JobOpeningFieldOfOnlyControlOrZeroWidthCharacters_IsRejected(string field)
    {
        var opening = new SecondChance.Openings.JobOpening { Company = "Contoso", Title = "Manager", PostedOn = D(2026, 3, 6) };
        const string Invisible = "\u200b\u001b";
        opening = field switch
        {
            "company" => opening with { Company = Invisible },
            "title" => opening with { Title = Invisible },
            "location" => opening with { Location = Invisible },
            _ => opening with { Id = Invisible },
        };

        opening.Validate().Should().ContainSingle().Which.Should().Be(new CaseError(field, "must hold visible characters, not only control or zero-width ones"));
    }

    [Fact]
    public void Decide_GapOfOnlyZeroWidthCharacters_IsRejected() =>
        Errors(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new FeedbackRecorded(D(2026, 3, 6), ["ok", "\u200b\u200c"])))
            .Should().ContainSingle().Which.Should().Be("events[1].gaps[1]: must hold visible characters, not only control or zero-width ones");

    [Fact]
    public void Decide_GapsTooLongTooManyOrEmpty_AreRejectedAndTheLimitsAccepted()
    {
        FeedbackRecorded Feedback(params string[] gaps) => new(D(2026, 3, 6), gaps);
        RunnerUpCase With(FeedbackRecorded f) => New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), f);

        Errors(With(Feedback(new string('g', 501)))).Should().ContainSingle().Which.Should().Be("events[1].gaps[0]: must be at most 500 characters (it has 501)");
        Errors(With(Feedback("ok", ""))).Should().ContainSingle().Which.Should().Be("events[1].gaps[1]: must not be empty");
        Errors(With(Feedback(Enumerable.Repeat("gap", 51).ToArray()))).Should().ContainSingle().Which.Should().Be("events[1].gaps: must hold at most 50 gaps (it has 51)");
        Engine.Decide(With(Feedback(Enumerable.Repeat(new string('g', 500), 50).ToArray())), Today).IsValid.Should().BeTrue();
        Engine.Decide(With(Feedback()), Today).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Decide_MoreEventsThanTheLimit_IsRejectedAndTheLimitAccepted()
    {
        RunnerUpCase WithEvents(int count) => New(
            JobLevel.MiddleManagement,
            [new Notified(D(2026, 3, 6)), .. Enumerable.Repeat<CaseEvent>(new FollowUpMade(D(2026, 3, 6), FollowUpOutcome.NoChange), count - 1)]);

        Errors(WithEvents(CaseLimits.MaxEvents + 1)).Should().ContainSingle().Which.Should().Be("events: must hold at most 1000 events (it has 1001)");
        Engine.Decide(WithEvents(CaseLimits.MaxEvents), Today).IsValid.Should().BeTrue();
        Engine.Plan(WithEvents(CaseLimits.MaxEvents), Today).Steps.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("2026-02-30", "2026-02-30 is not a day in February 2026 (it has 28 days)")]
    [InlineData("2028-02-30", "2028-02-30 is not a day in February 2028 (it has 29 days)")]
    [InlineData("2026-04-31", "2026-04-31 is not a day in April 2026 (it has 30 days)")]
    [InlineData("2026-13-01", "2026-13-01 has no month 13; months run from 01 to 12")]
    [InlineData("06/03/2026", "'06/03/2026' is not a date; write it as YYYY-MM-DD, such as 2026-03-06")]
    [InlineData("2026-3-6", "'2026-3-6' is not a date; write it as YYYY-MM-DD, such as 2026-03-06")]
    [InlineData("", "'' is not a date; write it as YYYY-MM-DD, such as 2026-03-06")]
    public void MalformedDate_SaysWhatIsWrong(string date, string message)
    {
        JsonErrors(Doc.Replace("EVENT", $$"""{ "type": "Approached", "on": "{{date}}" }""")).Should().ContainSingle()
            .Which.Should().Be($"events[1].on: {message}");
        SecondChanceJson.TryParseDate(date, out _, out var problem).Should().BeFalse();
        problem.Should().Be(message);
    }

    [Theory]
    [InlineData("pat.contoso.example")]
    [InlineData("pat@")]
    [InlineData("@contoso.example")]
    [InlineData("pat@contoso")]
    [InlineData("pat lee@contoso.example")]
    [InlineData("pat@@contoso.example")]
    public void Decide_MalformedContactEmail_IsRejected(string email) =>
        Errors(Valid() with { Contact = new Contact("Pat", email) }).Should().ContainSingle()
            .Which.Should().Be($"contact.email: '{email}' is not a valid email address");

    [Theory]
    [InlineData("alex.example")]
    [InlineData("alex@")]
    [InlineData("alex rivera@mail.example")]
    public void Decide_MalformedCandidateEmail_IsRejected(string email) =>
        Errors(Valid() with { CandidateEmail = email }).Should().ContainSingle()
            .Which.Should().Be($"candidateEmail: '{email}' is not a valid email address");

    [Fact]
    public void CandidateEmail_IsOptionalAndAcceptedWhenWellFormed()
    {
        Engine.Decide(Valid() with { CandidateEmail = null }, Today).IsValid.Should().BeTrue();
        Engine.Decide(Valid() with { CandidateEmail = "alex@mail.example" }, Today).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Decide_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var c = Valid() with { Candidate = "", Level = new JobLevel("Nope"), TimeZone = "Nowhere/Land", Events = [new Approached(D(2026, 4, 1))] };

        Errors(c).Select(e => e.Split(':')[0]).Should().BeEquivalentTo("candidate", "level", "timeZone", "events[0].type", "events[0].on");
    }

    [Fact]
    public void JsonShapeProblems_AllReportedWithPaths()
    {
        var errors = JsonErrors("""{ "candidate": 5, "level": "MiddleManagement", "events": [ { "on": "2026-03-06" }, 7 ] }""");

        errors.Should().BeEquivalentTo(
            "candidate: must be a string",
            "company: is required",
            "role: is required",
            "events[0].type: is required",
            "events[1]: must be an event object with a type and a date");
    }

    [Fact]
    public void MalformedJson_IsAnErrorNotAnException() =>
        JsonErrors("{ \"candidate\": ").Should().ContainSingle().Which.Should().StartWith("$: is not valid JSON");

    [Fact]
    public void RejectedCase_IsNotChanged()
    {
        var c = Valid() with { Level = new JobLevel("Nope") };
        var before = SecondChanceJson.Serialize(c);

        Engine.Decide(c, Today);
        Engine.Plan(c, Today);

        SecondChanceJson.Serialize(c).Should().Be(before);
    }

    [Fact]
    public void Validator_WithoutToday_SkipsOnlyTheFutureCheck()
    {
        var validator = new RunnerUpCaseValidator([JobLevel.MiddleManagement]);
        var future = New(JobLevel.MiddleManagement, new Notified(D(2099, 1, 1)));

        validator.Validate(future).IsValid.Should().BeTrue();
        validator.Validate(future, Today).Errors.Should().ContainSingle().Which.PropertyName.Should().Be("events[0].on");
    }
}
