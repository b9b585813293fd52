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
/// hand (names, contact, level, time zone, event order, one leading Notified, nothing after Closed,
/// respondBy, gaps, known enum values, no event after today). It allocates nothing; it is the
/// physical limit the library is measured against, and lives only here.
/// The rules' names, steps, covers and guidance are read once from the default rule set so the texts are not copied.
/// </summary>
internal sealed class HandWrittenRules
{
    private readonly BusinessCalendar _calendar = BusinessCalendar.Default;
    private readonly PlaybookRule _closed, _offer, _approach, _await, _followUp, _note, _reaffirm, _thank;
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
        _await = rules["AwaitApproach"];
        _followUp = rules["FollowUp"];
        _note = rules["SendThankYouNote"];
        _reaffirm = rules["ReaffirmInterest"];
        _thank = rules["ThankAndAsk"];
    }

    /// <summary>Decides the case, or returns <see langword="null"/> when it is invalid (only when validating).</summary>
    public NextAction? Decide(RunnerUpCase c, LocalDate today)
    {
        if (_validate && !IsValid(c, today))
        {
            return null;
        }

        LocalDate notified = default, offer = default, approached = default, followUp = default, note = default;
        LocalDate? respondBy = null;
        bool hasFeedback = false, hasInterest = false, hasNote = false, hasFollowUp = false, hasApproach = false, hasOffer = false, hasClosed = false;
        var events = c.Events as CaseEvent[] ?? [.. c.Events];
        for (var i = 0; i < events.Length; i++)
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

    private bool IsValid(RunnerUpCase c, LocalDate today)
    {
        // The library's public checks (CaseLimits), which are as fast as this code can write them.
        if (!CaseLimits.IsValidName(c.Candidate) || !CaseLimits.IsValidName(c.Company) || !CaseLimits.IsValidName(c.Role)
            || !KnownLevel(c.Level.Name) || !KnownZone(c.TimeZone))
        {
            return false;
        }

        if (c.Contact is { } contact && (!CaseLimits.IsValidName(contact.Name) || (contact.Email is { } email && !CaseLimits.IsValidEmail(email))))
        {
            return false;
        }

        var events = c.Events;
        if (events is not CaseEvent[] array || array.Length == 0 || array[0] is not Notified)
        {
            return events is not null && events.Count > 0 && events[0] is Notified && IsValidHistory([.. events], today);
        }

        return IsValidHistory(array, today);
    }

    private static bool IsValidHistory(CaseEvent[] events, LocalDate today)
    {
        var previous = Key(events[0].On);
        var closed = false;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e is null)
            {
                return false;
            }

            var key = Key(e.On);
            if (key < previous || closed || (i > 0 && e is Notified))
            {
                return false;
            }

            previous = key;
            var ok = e switch
            {
                FeedbackRecorded f => Gaps(f.Gaps),
                NoteSent n => (uint)n.Channel <= (uint)NoteChannel.Letter,
                FollowUpMade u => (uint)u.Outcome <= (uint)FollowUpOutcome.NoResponse,
                OfferReceived o => o.RespondBy is not { } by || Key(by) >= key,
                Closed x => (closed = true) && (uint)x.Reason <= (uint)CloseReason.NoOpening,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return previous <= Key(today);
    }

    // Dates compared as packed year, month and day, without LocalDate's calendar checks.
    private static int Key(LocalDate d) => (d.Year * 512) + (d.Month * 32) + d.Day;

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

    private static NextAction Action(PlaybookRule rule, LocalDate? due, LocalDate? start, LocalDate? end, LocalDate today) =>
        new(rule.Step, rule.Action, rule.Covers, due, start, end, due is { } d && today > d, rule.Name, rule.Guidance);
}
