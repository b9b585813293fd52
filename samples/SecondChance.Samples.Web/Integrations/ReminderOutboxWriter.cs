using System.Text.Json;
using NodaTime;
using SecondChance.Decisions;
using SecondChance.Integrations.Reminders;
using SecondChance.Samples.Web.Storage;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// Plans a case's reminder with the library and attaches it to the case row, so the store writes it to the
/// outbox in the same transaction as the case (<see cref="CaseRow.Outbox"/>).
/// </summary>
public sealed class ReminderOutboxWriter(ReminderSettings settings, IClock clock)
{
    /// <summary>Returns <paramref name="row"/> carrying the reminder that <paramref name="decision"/> makes due-able (or none, superseding older ones).</summary>
    public CaseRow With(CaseRow row, string tenant, string caseId, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(row);
        var now = clock.GetCurrentInstant();
        var reminder = ReminderPlanner.Plan(caseId, decision, settings.Planning);
        var channels = reminder is null ? [] : settings.ChannelsFor(tenant, decision.Case);
        return row with
        {
            Outbox = reminder is null || channels.Count == 0
                ? OutboxWrite.None(now)
                : new OutboxWrite(reminder.Id, reminder.SendAt, JsonSerializer.Serialize(reminder, SecondChanceJson.Options), channels, now),
        };
    }
}
