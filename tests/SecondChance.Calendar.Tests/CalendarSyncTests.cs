using CsCheck;
using Ical.Net.CalendarComponents;
using NodaTime.Testing;
using SecondChance.Calendar;
using SecondChance.Planning;
using IcalCalendar = Ical.Net.Calendar;

namespace SecondChance.Calendar.Tests;

/// <summary>
/// Staying in sync across every transition a plan can make: export, add an event, export again.
/// Every entry of the first file is in the second under the same UID with a higher SEQUENCE, upcoming
/// when its action still is, cancelled when it is done or no longer applies, never silently left out.
/// </summary>
public class CalendarSyncTests
{
    private const string CaseId = "case-1";
    private static readonly PlaybookEngine Engine = new();
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 10, 17, 45, 12));
    private static readonly LocalDate Call = new(2026, 3, 6);

    public static readonly TheoryData<string> Levels = new(JobLevel.IndividualContributor.Name, JobLevel.MiddleManagement.Name, JobLevel.SeniorExecutive.Name);

    private static readonly string[] Zones = ["UTC", "America/Los_Angeles", "Pacific/Auckland"];

    // Every kind of event a history can go on with, after the call.
    private static readonly Func<LocalDate, CaseEvent>[] Kinds =
    [
        d => new FeedbackRecorded(d, ["has not led a team of 10 or more"]),
        d => new InterestReaffirmed(d),
        d => new NoteSent(d, NoteChannel.Email),
        d => new FollowUpMade(d, FollowUpOutcome.NoChange),
        d => new OpeningSeen(d, "Engineering Manager", OpeningMatch.Reopened),
        d => new OpeningSeen(d, "Director of Engineering", OpeningMatch.Similar),
        d => new Approached(d),
        d => new OfferReceived(d),
        d => new Closed(d, CloseReason.TookOtherJob),
        d => new Closed(d, CloseReason.Hired),
    ];

    private static RunnerUpCase Case(string level, string zone, IEnumerable<CaseEvent> events) => new()
    {
        Candidate = "Alex Rivera",
        Company = "Contoso",
        Role = "Engineering Manager",
        Level = new JobLevel(level),
        TimeZone = zone,
        Contact = new Contact("Pat Lee", "pat@contoso.example"),
        Events = events.ToArray(),
    };

    private sealed record Export(CasePlan Plan, IReadOnlyDictionary<string, CalendarEvent> Entries);

    private static Export ExportOf(RunnerUpCase @case, LocalDate today)
    {
        var plan = Engine.Plan(@case, today);
        plan.IsValid.Should().BeTrue(string.Join("; ", plan.Errors));
        var calendar = IcalCalendar.Load(PlanCalendar.Export(plan, Clock, caseId: CaseId)) ?? throw new InvalidOperationException("did not parse");
        var uids = calendar.Events.Select(e => e.Uid!).ToArray();
        uids.Should().OnlyHaveUniqueItems("one entry per UID in a file");
        return new Export(plan, calendar.Events.ToDictionary(e => e.Uid!, StringComparer.Ordinal));
    }

    // The rule behind a UID: case-1-FollowUp@secondchance and case-1-FollowUp-window@secondchance are FollowUp's.
    private static string RuleOf(string uid)
    {
        var rule = uid[(CaseId.Length + 1)..uid.IndexOf('@', StringComparison.Ordinal)];
        return rule.EndsWith("-window", StringComparison.Ordinal) ? rule[..^"-window".Length] : rule;
    }

    private static HashSet<string> Upcoming(CasePlan plan) =>
        plan.Steps.Where(s => s.Status is PlanStepStatus.Next or PlanStepStatus.Projected && s.On is not null).Select(s => s.Rule!).ToHashSet(StringComparer.Ordinal);

    private static void ShouldStayInSync(Export before, Export after, string because)
    {
        var upcoming = Upcoming(after.Plan);
        foreach (var (uid, earlier) in before.Entries)
        {
            after.Entries.Should().ContainKey(uid, $"an entry once written is never dropped ({because})");
            var later = after.Entries[uid];
            later.Sequence.Should().BeGreaterThan(earlier.Sequence, $"{uid} is revised by the later file ({because})");
            var expected = upcoming.Contains(RuleOf(uid)) ? null : "CANCELLED";
            later.Status.Should().Be(expected, $"{uid} is cancelled exactly when its action is no longer upcoming ({because})");
        }

        foreach (var (uid, entry) in after.Entries)
        {
            entry.Status.Should().Be(upcoming.Contains(RuleOf(uid)) ? null : "CANCELLED", $"{uid} ({because})");
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void EveryTransitionUpToThreeEventsAfterTheCall_EveryEarlierEntryKeptOrCancelledWithAHigherSequence(string level)
    {
        var transitions = 0;
        var cancelledBySupersession = new HashSet<string>(StringComparer.Ordinal);

        void Walk(List<CaseEvent> events, Export before, int depth)
        {
            if (depth == 0 || events[^1] is Closed)
            {
                return;
            }

            for (var k = 0; k < Kinds.Length; k++)
            {
                var on = events[^1].On.PlusDays(k == 3 ? 150 : 3); // a follow-up comes months after the note
                var next = Case(level, "America/Los_Angeles", events.Append(Kinds[k](on)));
                if (Engine.Validate(next, on).Count > 0)
                {
                    continue;
                }

                var after = ExportOf(next, on);
                var because = string.Join(" > ", next.Events.Select(e => e.Type));
                ShouldStayInSync(before, after, because);
                transitions++;
                foreach (var (uid, entry) in after.Entries.Where(e => e.Value.Status == "CANCELLED" && e.Value.Summary!.StartsWith("No longer applies", StringComparison.Ordinal)))
                {
                    cancelledBySupersession.Add(RuleOf(uid));
                }

                Walk([.. next.Events], after, depth - 1);
            }
        }

        var first = Case(level, "America/Los_Angeles", [new Notified(Call)]);
        Walk([.. first.Events], ExportOf(first, Call), depth: 3);

        transitions.Should().BeGreaterThan(500, "the walk covers the transition matrix");
        cancelledBySupersession.Should().Contain(["FollowUp", "AwaitApproach", "FollowUpOnOpening", "RespondToApproach"], "each of these is withdrawn on some path");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void RandomHistories_EachEventAndEachLaterDay_KeepEveryEntryOfTheFileBefore(string level)
    {
        var gen = Gen.Select(Gen.Int[0, Kinds.Length - 1].Array[1, 10], Gen.Int[0, 200].Array[10], Gen.Int[0, 400], Gen.Int[0, Zones.Length - 1].Select(i => Zones[i]));
        gen.Sample((kinds, gaps, wait, zone) =>
        {
            var events = new List<CaseEvent> { new Notified(Call) };
            var before = ExportOf(Case(level, zone, events), Call);
            for (var i = 0; i < kinds.Length; i++)
            {
                var on = events[^1].On.PlusDays(gaps[i]);
                var next = Case(level, zone, events.Append(Kinds[kinds[i]](on)));
                if (Engine.Validate(next, on).Count > 0)
                {
                    continue;
                }

                var after = ExportOf(next, on);
                ShouldStayInSync(before, after, string.Join(" > ", next.Events.Select(e => $"{e.Type} {e.On}")));
                events.Add(next.Events[^1]);
                before = after;
            }

            // Time passing with no new event moves projected dates, never the set of entries.
            var later = ExportOf(Case(level, zone, events), events[^1].On.PlusDays(wait));
            later.Entries.Keys.Should().BeEquivalentTo(before.Entries.Keys);
            later.Entries.Values.Select(e => (e.Uid, e.Status, e.Sequence)).Should().BeEquivalentTo(before.Entries.Values.Select(e => (e.Uid, e.Status, e.Sequence)));
        }, iter: 150);
    }

    [Fact]
    public void OpeningSeenBeforeTheFollowUp_TheScheduledFollowUpIsWithdrawnForTheOpeningsOwn()
    {
        var note = Case(JobLevel.MiddleManagement.Name, "America/Los_Angeles", [new Notified(Call), new FeedbackRecorded(Call, ["x"]), new InterestReaffirmed(Call), new NoteSent(Call, NoteChannel.Email)]);
        var opening = note.With(new OpeningSeen(Call.PlusDays(10), "Engineering Manager", OpeningMatch.Reopened));
        var followedUp = opening.With(new FollowUpMade(Call.PlusDays(11), FollowUpOutcome.NoChange));

        var first = ExportOf(note, Call);
        var second = ExportOf(opening, Call.PlusDays(10));
        var third = ExportOf(followedUp, Call.PlusDays(11));

        first.Entries["case-1-FollowUp@secondchance"].Status.Should().BeNull();
        var withdrawn = second.Entries["case-1-FollowUp@secondchance"];
        withdrawn.Status.Should().Be("CANCELLED");
        withdrawn.Sequence.Should().Be(11);
        withdrawn.Summary.Should().Be("No longer applies: Steps 7-8: Follow up with the same person months later (Engineering Manager, Contoso)");
        withdrawn.Description.Should().Be("No longer applies as of 2026-03-16: the case moved past this step, another action took its place, or the case closed.");
        second.Entries["case-1-FollowUp-window@secondchance"].Status.Should().Be("CANCELLED");
        second.Entries["case-1-FollowUpOnOpening@secondchance"].Status.Should().BeNull();

        // Once the follow-up is made (on the opening), the scheduled one reads as done, on that day.
        var done = third.Entries["case-1-FollowUp@secondchance"];
        (done.Status, done.Sequence).Should().Be(("CANCELLED", 13));
        done.Summary.Should().StartWith("Done: Steps 7-8: ");
        (done.DtStart!.Month, done.DtStart.Day).Should().Be((3, 17));
        third.Entries["case-1-FollowUpOnOpening@secondchance"].Summary.Should().StartWith("Done: Steps 7-8: ");
    }

    [Fact]
    public void ApproachedWhileWaiting_TheWaitIsWithdrawnAndTheAnswerScheduled()
    {
        var followedUp = Case(JobLevel.SeniorExecutive.Name, "UTC", [new Notified(Call), new NoteSent(Call, NoteChannel.Letter), new FollowUpMade(new LocalDate(2026, 9, 7), FollowUpOutcome.NoChange)]);
        var approached = followedUp.With(new Approached(new LocalDate(2026, 9, 14)));

        var first = ExportOf(followedUp, new LocalDate(2026, 9, 7));
        var second = ExportOf(approached, new LocalDate(2026, 9, 14));

        first.Entries["case-1-AwaitApproach@secondchance"].Status.Should().BeNull();
        var wait = second.Entries["case-1-AwaitApproach@secondchance"];
        (wait.Status, wait.Sequence).Should().Be(("CANCELLED", 9));
        wait.Summary.Should().StartWith("No longer applies: Step 9: Give them time to come back to you");
        second.Entries["case-1-AwaitApproach-window@secondchance"].Status.Should().Be("CANCELLED");
        var answer = second.Entries["case-1-RespondToApproach@secondchance"];
        answer.Status.Should().BeNull();
        answer.Summary.Should().StartWith("Step 9: Answer their approach");
    }

    [Fact]
    public void NeverScheduledActions_AreNotWrittenAsCancelled()
    {
        var note = ExportOf(Case(JobLevel.MiddleManagement.Name, "UTC", [new Notified(Call), new FeedbackRecorded(Call, ["x"]), new InterestReaffirmed(Call), new NoteSent(Call, NoteChannel.Email)]), Call);

        note.Plan.PlannedRules.Should().Equal("AwaitApproach", "FollowUp", "SendThankYouNote", "ReaffirmInterest", "ThankAndAsk");
        note.Entries.Keys.Select(RuleOf).Should().NotContain(["NegotiateOffer", "RespondToApproach", "FollowUpOnOpening"], "what may still happen is neither upcoming nor withdrawn");
    }
}
