using CsCheck;
using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Properties;

/// <summary>
/// Extends <see cref="InvariantTests.FastCheckAndValidator_AgreeOnMutatedCases"/> to what the rewritten
/// fold touched: null events, Notified out of place, events after Closed, respondBy before the offer,
/// out-of-range enums, unsorted dates across month and year ends, and every collection type the fold
/// reads differently (array, List, custom list, immutable array, read-only collection, Notified[]).
/// </summary>
public class FastCheckAgreementTests
{
    private static readonly PlaybookEngine Engine = new();

    private static readonly CaseEventType[] AllTypes = Enum.GetValues<CaseEventType>();

    [Fact]
    public void Decide_EveryHistoryAndCollection_AgreesWithValidator()
    {
        var invalid = 0;
        var valid = 0;
        CaseHistories.AnyCase.Sample(t =>
        {
            var decision = Engine.Decide(t.Case, t.Today);
            var errors = Engine.Validate(t.Case, t.Today);
            decision.IsValid.Should().Be(errors.Count == 0, $"today {t.Today}: {CaseHistories.Describe(t.Case)}; validator: {string.Join("; ", errors)}");
            if (!decision.IsValid)
            {
                // The engine reports the validator's own messages; never the fallback for a disagreement.
                decision.Errors.Should().Equal(errors, CaseHistories.Describe(t.Case));
                Interlocked.Increment(ref invalid);
            }
            else
            {
                Interlocked.Increment(ref valid);
            }
        }, iter: 8000, print: t => $"today {t.Today}: {CaseHistories.Describe(t.Case)}");

        invalid.Should().BeGreaterThan(1500);
        valid.Should().BeGreaterThan(1500);
    }

    [Fact]
    public void DecideMany_InParallel_SameAsDecideOneByOne()
    {
        // Each worker thread refolds its own facts instance; a leak between threads or cases would show here.
        var cases = CaseHistories.AnyCase.Array[6000].Single();
        var today = cases.Max(c => c.Today);
        var swept = Engine.DecideMany(cases.Select(c => c.Case), today, maxDegreeOfParallelism: 2).ToArray();

        swept.Should().HaveCount(cases.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            var one = Engine.Decide(cases[i].Case, today);
            swept[i].Case.Should().BeSameAs(cases[i].Case);
            swept[i].IsValid.Should().Be(one.IsValid, CaseHistories.Describe(cases[i].Case));
            if (one.IsValid)
            {
                swept[i].Should().Be(one);
            }
            else
            {
                swept[i].Errors.Should().Equal(one.Errors);
            }
        }

        swept.Count(d => d.IsValid).Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Decide_AnyEventCollectionType_SameDecision() =>
        Gen.Select(CaseHistories.AnyHistory, Gen.Int[-2, 300]).Sample(t =>
        {
            var (history, after) = t;
            var today = (history.LastOrDefault(e => e is not null)?.On ?? D(2026, 3, 10)).PlusDays(after);
            var baseline = New(JobLevel.MiddleManagement) with { Events = CaseHistories.Wrap(history, 0) };
            var expected = Engine.Decide(baseline, today);
            var expectedFacts = CaseFacts.FromCase(baseline);
            for (var shape = 1; shape < 6; shape++)
            {
                var c = baseline with { Events = CaseHistories.Wrap(history, shape) };
                var d = Engine.Decide(c, today);
                d.IsValid.Should().Be(expected.IsValid, CaseHistories.Describe(c));
                d.Errors.Should().Equal(expected.Errors);
                if (d.IsValid)
                {
                    d.Rule.Should().BeSameAs(expected.Rule);
                    (d.DueOn, d.WindowStart, d.WindowEnd, d.IsOverdue).Should().Be((expected.DueOn, expected.WindowStart, expected.WindowEnd, expected.IsOverdue));
                }

                CaseFacts.FromCase(c).Should().BeEquivalentTo(expectedFacts, CaseHistories.Describe(c));
            }
        }, iter: 2000);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Decide_NotifiedArray_ReadLikeCaseEventArray(int count)
    {
        var on = D(2026, 3, 6);
        var typed = Enumerable.Range(0, count).Select(i => new Notified(on.PlusDays(i))).ToArray();
        var c = New(JobLevel.MiddleManagement) with { Events = typed };
        c.Events.GetType().Should().Be<Notified[]>();

        var d = Engine.Decide(c, on.PlusDays(10));
        d.IsValid.Should().Be(count == 1);
        Engine.Validate(c, on.PlusDays(10)).Count.Should().Be(count - 1, "every Notified after the first is an error");
        if (count == 1)
        {
            d.Rule!.Name.Should().Be("ThankAndAsk");
            d.GetFacts()!.EventCount.Should().Be(1);
        }

        CaseFacts.FromCase(c).EventCount.Should().Be(count);
        CaseFacts.Fold(typed, count - 1, "MiddleManagement", out var wellFormed).EventCount.Should().Be(count - 1);
        wellFormed.Should().Be(count == 2, "one Notified is well formed, none or several are not");
    }

    [Fact]
    public void Decide_ArraysOfOtherDerivedTypes_Read()
    {
        var on = D(2026, 3, 6);
        IReadOnlyList<CaseEvent> followUps = new[] { new FollowUpMade(on, FollowUpOutcome.NoChange), new FollowUpMade(on.PlusDays(1), FollowUpOutcome.RoleReopened) };
        var facts = CaseFacts.FromCase(New(JobLevel.MiddleManagement) with { Events = followUps });
        facts.FollowUpCount.Should().Be(2);
        facts.LastFollowUpOutcome.Should().Be("RoleReopened");
        facts.Notified.Should().BeFalse();
        Engine.Decide(New(JobLevel.MiddleManagement) with { Events = followUps }, on.PlusDays(1)).Errors.Select(e => e.ToString())
            .Should().Equal("events[0].type: the first event must be Notified, not FollowUpMade");
    }

    /// <summary>Everything the fold computes, public and internal, as one comparable string.</summary>
    private static string Snapshot(CaseFacts f) =>
        string.Join("|",
            f.Level, f.Notified, f.FeedbackRecorded, f.InterestReaffirmed, f.NoteSent, f.FollowUpMade, f.Approached, f.OfferReceived, f.Closed,
            f.FollowUpCount, f.EventCount, f.GapCount, f.LastEvent, f.LastFollowUpOutcome, f.ClosedReason, f.NoteChannel, f.OfferHasRespondBy,
            f.State.RespondBy, f.LastEventKey, string.Join(",", AllTypes.Select(t => f.State.Has(t) ? f.State.LatestOn(t).ToString() : "-")));

    [Fact]
    public void Fold_OneInstanceOverManyCases_SameAsFreshFold()
    {
        // The engine refolds one instance per thread: nothing of the previous case may leak into the next.
        var reused = new CaseFacts();
        Gen.Select(CaseHistories.AnyHistory, Gen.Int[0, 5], Gen.Int[0, 3]).Array[2, 12].Sample(batch =>
        {
            foreach (var (history, shape, level) in batch)
            {
                var events = CaseHistories.Wrap(history, shape);
                var levelName = CaseHistories.KnownLevels[level % 3].Name;
                var fresh = CaseFacts.Fold(events, events.Count, levelName, out var wellFormed);
                SecondChance.Engine.CaseFold.Fold(ref reused.State, events, events.Count, levelName).Should().Be(wellFormed);
                Snapshot(reused).Should().Be(Snapshot(fresh), string.Join(", ", history.Select(e => e?.ToString() ?? "null")));
                reused.LastEventKey.Should().Be(history.Length == 0 || history[^1] is null ? int.MinValue : SecondChance.Engine.DateKey.Of(history[^1]!.On));
            }
        }, iter: 1500, threads: 1);
    }

    [Fact]
    public void Fold_Prefix_SameAsShorterHistory() =>
        Gen.Select(CaseHistories.AnyHistory, Gen.Int[0, 5]).Sample(t =>
        {
            var (history, shape) = t;
            var events = CaseHistories.Wrap(history, shape);
            for (var k = 0; k <= events.Count; k++)
            {
                var prefix = CaseFacts.Fold(events, k, "SeniorExecutive", out var prefixWellFormed);
                var shorter = CaseFacts.Fold(history.Take(k).Select(e => e!).ToArray(), k, "SeniorExecutive", out var shorterWellFormed);
                prefixWellFormed.Should().Be(shorterWellFormed);
                Snapshot(prefix).Should().Be(Snapshot(shorter), $"prefix {k} of {events.GetType().Name}");
            }
        }, iter: 1500);

    [Theory]
    [InlineData(2026, 1, 31, 2026, 1, 31, true)] // the last event today
    [InlineData(2026, 2, 1, 2026, 1, 31, false)] // the next month, one day after today
    [InlineData(2026, 1, 31, 2026, 2, 1, true)] // today is the first of the next month
    [InlineData(2027, 1, 1, 2026, 12, 31, false)] // the next year, one day after today
    [InlineData(2026, 12, 31, 2027, 1, 1, true)]
    [InlineData(2028, 2, 29, 2028, 2, 28, false)] // a leap day after today
    [InlineData(2028, 3, 1, 2028, 2, 29, false)]
    [InlineData(2025, 12, 1, 2026, 1, 1, true)] // month 12 day 1 before month 1 day 1 of the next year
    public void Checks_EventAfterTodayAcrossMonthAndYearEnds_BothRefuse(int ey, int em, int ed, int ty, int tm, int td, bool valid)
    {
        var last = D(ey, em, ed);
        var c = New(JobLevel.MiddleManagement, new Notified(last.PlusDays(-40)), new FeedbackRecorded(last.PlusDays(-40)), new Approached(last));
        var today = D(ty, tm, td);

        Engine.Decide(c, today).IsValid.Should().Be(valid);
        Engine.Validate(c, today).Should().HaveCount(valid ? 0 : 1);
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 1, true)] // in order across a month end
    [InlineData(2026, 2, 1, 2026, 1, 31, false)] // one day back across a month end
    [InlineData(2026, 12, 31, 2027, 1, 1, true)]
    [InlineData(2027, 1, 1, 2026, 12, 31, false)] // one day back across a year end
    [InlineData(2026, 3, 1, 2026, 2, 28, false)]
    [InlineData(2028, 3, 1, 2028, 2, 29, false)] // back onto a leap day
    [InlineData(2026, 2, 28, 2026, 3, 1, true)]
    [InlineData(2026, 1, 30, 2026, 2, 2, true)] // the day number falls, the month rises
    [InlineData(2026, 11, 30, 2025, 12, 1, false)] // month and day rise, the year falls
    [InlineData(2026, 5, 5, 2026, 5, 5, true)] // the same day
    public void Checks_UnsortedDatesAcrossMonthAndYearEnds_BothRefuse(int ay, int am, int ad, int by, int bm, int bd, bool valid)
    {
        var first = D(ay, am, ad);
        var second = D(by, bm, bd);
        var start = (first < second ? first : second).PlusDays(-10);
        var today = (first > second ? first : second).PlusDays(1);
        foreach (var shape in Enumerable.Range(0, 6))
        {
            CaseEvent[] history = [new Notified(start), new Approached(first), new OfferReceived(second)];
            var c = New(JobLevel.MiddleManagement) with { Events = CaseHistories.Wrap(history, shape) };
            Engine.Decide(c, today).IsValid.Should().Be(valid, $"shape {shape}");
            Engine.Validate(c, today).Select(e => e.Field).Should().Equal(valid ? Array.Empty<string>() : ["events[2].on"]);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Checks_RespondByBeforeOnOrAfterOffer_BothAgree(int days)
    {
        var on = D(2026, 3, 1);
        var c = New(JobLevel.MiddleManagement, new Notified(on.PlusDays(-3)), new OfferReceived(on, on.PlusDays(days)));
        var d = Engine.Decide(c, on);
        d.IsValid.Should().Be(days >= 0);
        if (days < 0)
        {
            d.Errors.Select(e => e.ToString()).Should().Equal("events[1].respondBy: must not be before the offer (2026-03-01)");
        }
        else
        {
            d.DueOn.Should().Be(on.PlusDays(days));
        }
    }

    [Fact]
    public void Checks_OutOfRangeEnumValuesAndBadOpenings_BothRefuse()
    {
        var on = D(2026, 3, 6);
        CaseEvent[] bad =
        [
            new NoteSent(on, (NoteChannel)3),
            new NoteSent(on, (NoteChannel)(-1)),
            new FollowUpMade(on, (FollowUpOutcome)4),
            new FollowUpMade(on, (FollowUpOutcome)int.MinValue),
            new Closed(on, (CloseReason)4),
            new Closed(on, (CloseReason)255),
            new Closed(on, (CloseReason)(-128)),
            new OpeningSeen(on, "Engineering Manager", (OpeningMatch)2),
            new OpeningSeen(on, "Engineering Manager", (OpeningMatch)(-1)),
            new OpeningSeen(on, "", OpeningMatch.Reopened),
            new OpeningSeen(on, "Engineering Manager", OpeningMatch.Similar, "mailto:pat@contoso.example"),
            new OpeningSeen(on, "Engineering Manager", OpeningMatch.Similar, "https://jobs.example/" + new string('a', 2000)),
        ];
        foreach (var e in bad)
        {
            var c = New(JobLevel.MiddleManagement, new Notified(on), e);
            Engine.Decide(c, on).IsValid.Should().BeFalse(e.ToString());
            Engine.Validate(c, on).Should().ContainSingle(e.ToString()).Which.Field.Should().StartWith("events[1].");
        }
    }
}
