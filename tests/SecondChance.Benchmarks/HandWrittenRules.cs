using System.Runtime.CompilerServices;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Rules;
using SecondChance.Scheduling;
using SecondChance.Validation;

namespace SecondChance.Benchmarks;

/// <summary>
/// The default rule table written out by hand: one pass over the events, if/else in rule order and
/// the same NodaTime date arithmetic, producing the same <see cref="NextAction"/>, and (unless built
/// with <c>validate: false</c>) the same verdict on bad input: the contract's checks written out by
/// hand (names, candidate email, contact, level, time zone, event order, dates within the case range, one
/// leading Notified, nothing after Closed, respondBy, gaps, an opening's title and address, known enum
/// values, no event after today). It allocates nothing; it is the
/// physical limit the library is measured against, and lives only here.
/// The rules' names, steps, covers and guidance are read once from the default rule set so the texts are not copied.
/// </summary>
internal sealed class HandWrittenRules
{
    // The dates a case may hold (CaseLimits.EarliestDate to LatestDate), as keys.
    private static readonly int EarliestKey = Key(CaseLimits.EarliestDate);
    private static readonly int LatestKey = Key(CaseLimits.LatestDate);

    private readonly BusinessCalendar _calendar = BusinessCalendar.Default;
    private readonly PlaybookRule _closed, _offer, _approach, _opening, _await, _followUp, _note, _reaffirm, _thank;
    private readonly bool _validate;
    private readonly string?[] _zones = new string?[8];
    private int _nextZone;

    public HandWrittenRules(bool validate = true)
    {
        _validate = validate;
        var rules = PlaybookRuleSet.Default.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _closed = rules["CaseClosed"];
        _offer = rules["NegotiateOffer"];
        _approach = rules["RespondToApproach"];
        _opening = rules["FollowUpOnOpening"];
        _await = rules["AwaitApproach"];
        _followUp = rules["FollowUp"];
        _note = rules["SendThankYouNote"];
        _reaffirm = rules["ReaffirmInterest"];
        _thank = rules["ThankAndAsk"];
    }

    /// <summary>Decides the case as a <see cref="NextAction"/>, or returns <see langword="null"/> when it is invalid (only when validating).</summary>
    public NextAction? Decide(RunnerUpCase c, LocalDate today) => DecideFast(c, today) is { Rule: not null } d ? d.ToNextAction(c) : null;

    /// <summary>
    /// Decides the case into a small value (the rule and the dates), as the library's <c>Decision</c> is;
    /// <see cref="HandDecision.Rule"/> is <see langword="null"/> when the case is invalid (only when validating).
    /// This is what the benchmarks time.
    /// </summary>
    public HandDecision DecideFast(RunnerUpCase c, LocalDate today)
    {
        if (_validate && !HeaderIsValid(c))
        {
            return default;
        }

        // One pass over the events both checks them and folds them, as the library does.
        LocalDate notified = default, offer = default, approached = default, followUp = default, note = default, opening = default;
        LocalDate? respondBy = null;
        bool hasFeedback = false, hasInterest = false, hasNote = false, hasFollowUp = false, hasApproach = false, hasOffer = false, hasClosed = false, openingPending = false;
        var events = c.Events.GetType() == typeof(CaseEvent[]) ? Unsafe.As<CaseEvent[]>(c.Events) : [.. c.Events];
        var bad = events.Length == 0 | events.Length > CaseLimits.MaxEvents;
        var previous = int.MinValue;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e is null)
            {
                bad = true;
                continue;
            }

            var on = e.On;
            var key = Key(on);
            bad |= (key < previous) | hasClosed | !InRange(key);
            previous = key;
            switch (e)
            {
                case Notified:
                    bad |= i != 0;
                    notified = on;
                    break;
                case FeedbackRecorded f:
                    hasFeedback = true;
                    bad |= _validate && !Gaps(f.Gaps);
                    break;
                case InterestReaffirmed:
                    hasInterest = true;
                    break;
                case NoteSent s:
                    hasNote = true;
                    note = on;
                    bad |= (uint)s.Channel > (uint)NoteChannel.Letter;
                    break;
                case FollowUpMade f:
                    hasFollowUp = true;
                    openingPending = false;
                    followUp = on;
                    bad |= (uint)f.Outcome > (uint)FollowUpOutcome.NoResponse;
                    break;
                case Approached:
                    hasApproach = true;
                    approached = on;
                    break;
                case OfferReceived o:
                    hasOffer = true;
                    offer = on;
                    respondBy = o.RespondBy;
                    bad |= o.RespondBy is { } by && (Key(by) < key || !InRange(Key(by)));
                    break;
                case Closed x:
                    hasClosed = true;
                    bad |= (uint)x.Reason > (uint)CloseReason.NoOpening;
                    break;
                case OpeningSeen o:
                    openingPending = true;
                    opening = on;
                    bad |= (uint)o.Match > (uint)OpeningMatch.Similar
                        || (_validate && (!CaseLimits.IsValidName(o.Title) || (o.Url is not null && !CaseLimits.IsValidUrl(o.Url))));
                    break;
            }
        }

        if (_validate && (bad || events[0] is not Notified || previous > Key(today) || !InRange(Key(today))))
        {
            return default;
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

        // An opening seen since the last follow-up (an approach or offer has already been answered above).
        if (openingPending)
        {
            return Action(_opening, _calendar.AddBusinessDays(opening, 1), null, null, today);
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

    private bool HeaderIsValid(RunnerUpCase c)
    {
        // The library's public checks (CaseLimits), which are as fast as this code can write them.
        if (!CaseLimits.IsValidName(c.Candidate) || !CaseLimits.IsValidName(c.Company) || !CaseLimits.IsValidName(c.Role)
            || (c.CandidateEmail is not null && !CaseLimits.IsValidEmail(c.CandidateEmail))
            || !KnownLevel(c.Level.Name) || !KnownZone(c.TimeZone) || c.Events is null)
        {
            return false;
        }

        return c.Contact is not { } contact || (CaseLimits.IsValidName(contact.Name) && (contact.Email is not { } email || CaseLimits.IsValidEmail(email)));
    }

    // The date's year, month and day packed into a number that sorts as the dates do, from NodaTime's
    // documented properties: the same computation as the library's (its hash code is not documented to do so).
    private static int Key(LocalDate d) => (d.Year * 512) + (d.Month * 32) + d.Day;

    private static bool InRange(int key) => (uint)(key - EarliestKey) <= (uint)(LatestKey - EarliestKey);

    private static bool Gaps(IReadOnlyList<string>? gaps)
    {
        if (gaps is null || gaps.Count > CaseLimits.MaxGaps)
        {
            return false;
        }

        for (var i = 0; i < gaps.Count; i++)
        {
            if (!CaseLimits.IsValidGap(gaps[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool KnownLevel(string level) =>
        level.Equals("IndividualContributor", StringComparison.OrdinalIgnoreCase)
        || level.Equals("MiddleManagement", StringComparison.OrdinalIgnoreCase)
        || level.Equals("SeniorExecutive", StringComparison.OrdinalIgnoreCase);

    // The time zone database lookup, remembered for a few recent ids, as a hand-tuned loop would.
    private bool KnownZone(string? zone)
    {
        if (zone is null)
        {
            return false;
        }

        foreach (var known in _zones)
        {
            if (ReferenceEquals(zone, known))
            {
                return true;
            }
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            return false;
        }

        _zones[_nextZone++ & 7] = zone;
        return true;
    }

    private static LevelProfile Profile(string level) => level switch
    {
        "IndividualContributor" => LevelProfile.IndividualContributor,
        "MiddleManagement" => LevelProfile.MiddleManagement,
        _ => LevelProfile.SeniorExecutive,
    };

    private static HandDecision Action(PlaybookRule rule, LocalDate? due, LocalDate? start, LocalDate? end, LocalDate today) =>
        new(rule, due, start, end, due is { } d && Key(today) > Key(d));
}

/// <summary>The hand-written decision: the rule that applies and its dates, or no rule for an invalid case.</summary>
internal readonly record struct HandDecision(PlaybookRule? Rule, LocalDate? DueOn, LocalDate? WindowStart, LocalDate? WindowEnd, bool Overdue)
{
    public NextAction ToNextAction(RunnerUpCase c) =>
        new(Rule!.Step, Rule.Action, Rule.Covers, DueOn, WindowStart, WindowEnd, Overdue, Rule.Name, Rule.GuidanceFor(c));
}
