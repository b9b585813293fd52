using CsCheck;
using SecondChance.Serialization;
using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Cases;

/// <summary>
/// An event's Type is stored, set once by each record's constructor, and the fold reads it. Records are
/// also copied by <c>with</c>, which runs no constructor: Type must survive.
/// </summary>
public class EventKindTests
{
    private static readonly LocalDate On = D(2026, 3, 6);

    public static TheoryData<CaseEvent> OneOfEach() => new()
    {
        new Notified(On),
        new FeedbackRecorded(On, ["gap"]),
        new FeedbackRecorded(On),
        new InterestReaffirmed(On),
        new NoteSent(On, NoteChannel.Card),
        new FollowUpMade(On, FollowUpOutcome.SimilarRoleOpen),
        new Approached(On),
        new OfferReceived(On),
        new OfferReceived(On, On.PlusDays(5)),
        new Closed(On, CloseReason.TookOtherJob),
        new OpeningSeen(On, "Engineering Manager", OpeningMatch.Reopened, "https://jobs.example/contoso/42"),
        new OpeningSeen(On, "Senior Engineering Manager, Payments", OpeningMatch.Similar),
    };

    [Fact]
    public void EventSamples_All_CoverEveryTypeAndRecord()
    {
        var samples = ((IEnumerable<object[]>)OneOfEach()).Select(row => (CaseEvent)row[0]).ToArray();
        samples.Select(e => e.Type).Distinct().Should().BeEquivalentTo(Enum.GetValues<CaseEventType>());
        var concrete = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract);
        samples.Select(e => e.GetType()).Distinct().Should().BeEquivalentTo(concrete);
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Type_ConstructedOrWith_NamesTheRecord(CaseEvent e)
    {
        e.Type.ToString().Should().Be(e.GetType().Name);

        var moved = e with { On = On.PlusYears(3) };
        moved.Type.ToString().Should().Be(moved.GetType().Name);
        moved.Type.Should().Be(e.Type);
        moved.On.Should().Be(On.PlusYears(3));

        var copy = e with { };
        copy.Type.ToString().Should().Be(copy.GetType().Name);
        copy.Should().Be(e, "a copy is equal, Type included");
    }

    [Fact]
    public void Type_WithOnRecordProperty_Survives()
    {
        var offer = new OfferReceived(On, On.PlusDays(3));
        var noDate = offer with { RespondBy = null };
        noDate.Type.Should().Be(CaseEventType.OfferReceived);
        noDate.RespondBy.Should().BeNull();
        (offer with { RespondBy = On.PlusDays(9) }).Type.Should().Be(CaseEventType.OfferReceived);

        var note = new NoteSent(On, NoteChannel.Email);
        (note with { Channel = NoteChannel.Letter }).Type.Should().Be(CaseEventType.NoteSent);
        (note with { Channel = (NoteChannel)42 }).Type.Should().Be(CaseEventType.NoteSent);

        (new FollowUpMade(On, FollowUpOutcome.NoChange) with { Outcome = FollowUpOutcome.RoleReopened }).Type.Should().Be(CaseEventType.FollowUpMade);
        (new Closed(On, CloseReason.Hired) with { Reason = CloseReason.NoOpening }).Type.Should().Be(CaseEventType.Closed);
        (new FeedbackRecorded(On, ["a"]) with { Gaps = ["b", "c"] }).Type.Should().Be(CaseEventType.FeedbackRecorded);
    }

    [Fact]
    public void Type_ParsedFromJson_CarriesKind()
    {
        foreach (var type in Enum.GetNames<CaseEventType>())
        {
            var extra = type switch
            {
                "FeedbackRecorded" => ", \"gaps\": [\"a gap\"]",
                "NoteSent" => ", \"channel\": \"Email\"",
                "FollowUpMade" => ", \"outcome\": \"NoChange\"",
                "OfferReceived" => ", \"respondBy\": \"2026-03-20\"",
                "Closed" => ", \"reason\": \"Hired\"",
                "OpeningSeen" => ", \"title\": \"Engineering Manager\", \"match\": \"Reopened\"",
                _ => "",
            };
            var errors = SecondChanceJson.ParseEvent($"{{ \"type\": \"{type}\", \"on\": \"2026-03-06\"{extra} }}", out var e);
            errors.Should().BeEmpty(type);
            e!.Type.Should().Be(Enum.Parse<CaseEventType>(type));
            e.Type.ToString().Should().Be(e.GetType().Name);
        }

        foreach (var file in new[] { "alex-middle-manager.json", "sam-individual-contributor.json", "morgan-senior-executive.json" })
        {
            Sample(file).Events.Should().OnlyContain(e => e.Type.ToString() == e.GetType().Name, file);
        }
    }

    /// <summary>Rebuilds an event from a template of the same type through <c>with</c> only.</summary>
    private static CaseEvent ThroughWith(CaseEvent e)
    {
        var far = D(1999, 1, 1);
        return e switch
        {
            Notified n => new Notified(far) with { On = n.On },
            FeedbackRecorded f => new FeedbackRecorded(far, ["template"]) with { On = f.On, Gaps = f.Gaps },
            InterestReaffirmed i => new InterestReaffirmed(far) with { On = i.On },
            NoteSent n => new NoteSent(far, NoteChannel.Letter) with { On = n.On, Channel = n.Channel },
            FollowUpMade u => new FollowUpMade(far, FollowUpOutcome.NoResponse) with { On = u.On, Outcome = u.Outcome },
            Approached a => new Approached(far) with { On = a.On },
            OpeningSeen o => new OpeningSeen(far, "template", OpeningMatch.Similar) with { On = o.On, Title = o.Title, Match = o.Match, Url = o.Url },
            OfferReceived o => new OfferReceived(far, far.PlusDays(1)) with { On = o.On, RespondBy = o.RespondBy },
            Closed c => new Closed(far, CloseReason.Withdrew) with { On = c.On, Reason = c.Reason },
            _ => throw new InvalidOperationException(e.GetType().Name),
        };
    }

    [Fact]
    public void Decide_CaseBuiltWithWith_SameAsConstructed()
    {
        var engine = new PlaybookEngine();
        CaseHistories.AnyCase.Sample(t =>
        {
            var original = t.Case;
            var rebuilt = original with { Events = original.Events.Select(e => e is null ? null! : ThroughWith(e)).ToArray() };
            rebuilt.Events.Should().Equal(original.Events, "the rebuilt events are equal records");

            var a = engine.Decide(original, t.Today);
            var b = engine.Decide(rebuilt, t.Today);
            b.IsValid.Should().Be(a.IsValid, CaseHistories.Describe(original));
            if (a.IsValid)
            {
                b.Rule.Should().BeSameAs(a.Rule);
                (b.DueOn, b.WindowStart, b.WindowEnd, b.IsOverdue).Should().Be((a.DueOn, a.WindowStart, a.WindowEnd, a.IsOverdue));
                b.FactsRead.Should().Equal(a.FactsRead);
            }
            else
            {
                b.Errors.Should().Equal(a.Errors);
            }
        }, iter: 3000, print: t => CaseHistories.Describe(t.Case));
    }

    [Fact]
    public void Decide_RespondByChangedWithWith_DueDateMoves()
    {
        var engine = new PlaybookEngine();
        var offerOn = D(2026, 3, 6); // a Friday
        var offer = new OfferReceived(offerOn, D(2026, 3, 20));
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(offerOn.PlusDays(-60)), offer]);

        engine.Decide(c, offerOn).DueOn.Should().Be(D(2026, 3, 20));
        engine.Decide(c with { Events = [.. c.Events.SkipLast(1), offer with { RespondBy = D(2026, 3, 13) }] }, offerOn).DueOn.Should().Be(D(2026, 3, 13));

        // Without a date, two business days after the offer: Friday -> Tuesday.
        var noDate = c with { Events = [.. c.Events.SkipLast(1), offer with { RespondBy = null }] };
        engine.Decide(noDate, offerOn).DueOn.Should().Be(D(2026, 3, 10));
        engine.Decide(noDate, offerOn).FactsRead.Should().NotContain(f => f.Name == nameof(CaseFacts.OfferHasRespondBy) && f.Value == "true");
        CaseFacts.FromCase(noDate).OfferHasRespondBy.Should().BeFalse();

        // A date before the offer, set through with, is refused by both checks.
        var early = c with { Events = [.. c.Events.SkipLast(1), offer with { RespondBy = offerOn.PlusDays(-1) }] };
        engine.Decide(early, offerOn).Errors.Select(e => e.Field).Should().Equal("events[4].respondBy");
    }

    [Fact]
    public void Decide_EventMovedWithWith_DecisionFollowsDate()
    {
        var engine = new PlaybookEngine();
        var call = D(2026, 3, 6);
        var events = HappyPath(call);
        var note = (NoteSent)events[3];

        // The follow-up is due months after the note: moving the note moves it.
        var moved = New(JobLevel.IndividualContributor, [.. events[..3], note with { On = call.PlusDays(3) }]);
        var original = New(JobLevel.IndividualContributor, events);
        engine.Decide(moved, call.PlusDays(3)).DueOn.Should().Be(engine.Calendar.OnOrAfter(call.PlusDays(3).PlusMonths(engine.Levels[JobLevel.IndividualContributor].FollowUpAfterMonths)));
        engine.Decide(moved, call.PlusDays(3)).DueOn.Should().NotBe(engine.Decide(original, call.PlusDays(3)).DueOn);

        // Moving it before the interest event breaks the order, and both checks say so.
        var backwards = New(JobLevel.IndividualContributor, [.. events[..3], note with { On = call.PlusDays(-1) }]);
        engine.Decide(backwards, call).Errors.Select(e => e.ToString()).Should().Equal("events[3].on: must not be before the previous event, your renewed interest on 6 March 2026");

        // A Notified moved with `with` is still a Notified: a second one is refused.
        var twice = New(JobLevel.IndividualContributor, [.. events, events[0] with { On = call.PlusDays(1) }]);
        engine.Decide(twice, call.PlusDays(1)).Errors.Select(e => e.Field).Should().Equal("events[4].type");
    }
}
