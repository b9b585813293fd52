using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SecondChance.Decisions;
using SecondChance.Rules;

namespace SecondChance.Integrations.Reminders;

/// <summary>
/// Decides which reminder a case has and whether it is due: a pure function of the case's decision, the
/// current instant and the options.
/// </summary>
/// <remarks>
/// A reminder is due from <see cref="ReminderOptions.SendAt"/> (09:00 by default) local time in the case's
/// time zone on the first day of the action's on-time window, or on the due date when there is no window.
/// There is none for <see cref="PlaybookAction.None"/>, for an action without a due date, for the employer's
/// actions (<see cref="ReminderOptions.EmployerActions"/>) or for an invalid decision. Stateless and thread-safe.
/// </remarks>
public static class ReminderPlanner
{
    /// <summary>Returns the reminder for a decision, due or not yet.</summary>
    /// <param name="caseId">The host's id of the case.</param>
    /// <param name="decision">The case's decision.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The reminder, or <see langword="null"/> when the decision gets none.</returns>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is null or empty.</exception>
    public static Reminder? Plan(string caseId, Decision decision, ReminderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        options ??= new ReminderOptions();
        if (!decision.IsValid || decision.DueOn is not { } due)
        {
            return null;
        }

        var rule = decision.Rule!;
        if (rule.Action == PlaybookAction.None || options.EmployerActions.Contains(rule.Action))
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(decision.Case.TimeZone) ?? DateTimeZone.Utc;
        var day = decision.WindowStart ?? due;
        var local = day.At(options.SendAt);
        return new Reminder
        {
            Id = ReminderId(caseId, rule.Name, due),
            CaseId = caseId,
            Rule = rule.Name,
            Action = rule.Action,
            Step = rule.Step,
            Covers = rule.Covers,
            DueOn = due,
            WindowStart = decision.WindowStart,
            WindowEnd = decision.WindowEnd,
            Guidance = rule.Guidance,
            LocalSendTime = local,
            TimeZone = zone.Id,
            SendAt = local.InZoneLeniently(zone).ToInstant(),
        };
    }

    /// <summary>Returns the reminder for a decision when it is due at <paramref name="now"/>.</summary>
    /// <param name="caseId">The host's id of the case.</param>
    /// <param name="decision">The case's decision, made for today in the case's time zone.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The reminder when <paramref name="now"/> is at or after its send time; otherwise <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is null or empty.</exception>
    public static Reminder? DueAt(string caseId, Decision decision, Instant now, ReminderOptions? options = null) =>
        Plan(caseId, decision, options) is { } reminder && now >= reminder.SendAt ? reminder : null;

    /// <summary>Computes the stable reminder id for a case, rule and due date.</summary>
    /// <param name="caseId">The host's id of the case.</param>
    /// <param name="rule">The rule's name.</param>
    /// <param name="dueOn">The due date.</param>
    /// <returns><c>rem_</c> and the first 32 hex digits of a SHA-256 of the three.</returns>
    public static string ReminderId(string caseId, string rule, LocalDate dueOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        ArgumentException.ThrowIfNullOrEmpty(rule);
        var text = caseId + "\n" + rule + "\n" + LocalDatePattern.Iso.Format(dueOn);
        return "rem_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
