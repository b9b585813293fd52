using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Rules;
using SecondChance.Scheduling;

namespace SecondChance.Benchmarks;

/// <summary>
/// The default rule table written out by hand: one pass over the events, if/else in rule order and
/// the same NodaTime date arithmetic, producing the same <see cref="NextAction"/>. It skips validation
/// and allocates nothing; it is the physical limit the library is measured against, and lives only here.
/// The rules' names, steps, covers and guidance are read once from the default rule set so the texts are not copied.
/// </summary>
internal sealed class HandWrittenRules
{
    private readonly BusinessCalendar _calendar = BusinessCalendar.Default;
    private readonly PlaybookRule _closed, _offer, _approach, _await, _followUp, _note, _reaffirm, _thank;

    public HandWrittenRules()
    {
        var rules = PlaybookRuleSet.Default.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _closed = rules["CaseClosed"];
        _offer = rules["NegotiateOffer"];
        _approach = rules["RespondToApproach"];
        _await = rules["AwaitApproach"];
        _followUp = rules["FollowUp"];
        _note = rules["SendThankYouNote"];
        _reaffirm = rules["ReaffirmInterest"];
        _thank = rules["ThankAndAsk"];
    }

    public NextAction Decide(RunnerUpCase c, LocalDate today)
    {
        LocalDate notified = default, offer = default, approached = default, followUp = default, note = default;
        LocalDate? respondBy = null;
        bool hasFeedback = false, hasInterest = false, hasNote = false, hasFollowUp = false, hasApproach = false, hasOffer = false, hasClosed = false;
        var events = c.Events;
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case Notified n:
                    notified = n.On;
                    break;
                case FeedbackRecorded:
                    hasFeedback = true;
                    break;
                case InterestReaffirmed:
                    hasInterest = true;
                    break;
                case NoteSent s:
                    hasNote = true;
                    note = s.On;
                    break;
                case FollowUpMade f:
                    hasFollowUp = true;
                    followUp = f.On;
                    break;
                case Approached a:
                    hasApproach = true;
                    approached = a.On;
                    break;
                case OfferReceived o:
                    hasOffer = true;
                    offer = o.On;
                    respondBy = o.RespondBy;
                    break;
                case Closed:
                    hasClosed = true;
                    break;
            }
        }

        if (hasClosed)
        {
            return Action(_closed, null, null, null, today);
        }

        if (hasOffer)
        {
            return Action(_offer, respondBy ?? _calendar.AddBusinessDays(offer, 2), null, null, today);
        }

        if (hasApproach)
        {
            return Action(_approach, _calendar.AddBusinessDays(approached, 1), null, null, today);
        }

        var profile = Profile(c.Level.Name);
        if (hasFollowUp)
        {
            var due = followUp.PlusDays(profile.WaitAfterFollowUpDays);
            return Action(_await, due, followUp, due, today);
        }

        if (hasNote)
        {
            var due = _calendar.OnOrAfter(note.PlusMonths(profile.FollowUpAfterMonths));
            return Action(_followUp, due, due.PlusDays(-14), due.PlusDays(14), today);
        }

        if (hasInterest)
        {
            return Action(_note, _calendar.AddBusinessDays(notified, 1), null, null, today);
        }

        return Action(hasFeedback ? _reaffirm : _thank, notified, null, null, today);
    }

    private static LevelProfile Profile(string level) => level switch
    {
        "IndividualContributor" => LevelProfile.IndividualContributor,
        "MiddleManagement" => LevelProfile.MiddleManagement,
        _ => LevelProfile.SeniorExecutive,
    };

    private static NextAction Action(PlaybookRule rule, LocalDate? due, LocalDate? start, LocalDate? end, LocalDate today) =>
        new(rule.Step, rule.Action, rule.Covers, due, start, end, due is { } d && today > d, rule.Name, rule.Guidance);
}
