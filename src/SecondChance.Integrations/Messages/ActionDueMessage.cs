using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Integrations.Reminders;

namespace SecondChance.Integrations.Messages;

/// <summary>
/// The webhook body sent when a case's action comes due:
/// <c>{ "type": "action.due", "timestamp", "data": { "caseId", "candidate", "company", "role", "action", "step",
/// "covers", "dueOn", "windowStart", "windowEnd", "guidance", "reminderId" } }</c>.
/// </summary>
/// <remarks>Dates are ISO dates (<c>2026-08-06</c>), the timestamp an ISO instant in UTC; absent values are <c>null</c>. More fields may be added.</remarks>
public sealed record ActionDueMessage
{
    /// <summary>The message type.</summary>
    public const string EventType = "action.due";

    /// <summary>Gets when the message was made.</summary>
    public required Instant Timestamp { get; init; }

    /// <summary>Gets the reminder it announces.</summary>
    public required Reminder Reminder { get; init; }

    /// <summary>Gets the candidate's name.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the employer's name.</summary>
    public required string Company { get; init; }

    /// <summary>Gets the role.</summary>
    public required string Role { get; init; }

    /// <summary>Builds the message for a reminder of a case.</summary>
    /// <param name="reminder">The reminder.</param>
    /// <param name="case">The case it belongs to.</param>
    /// <param name="timestamp">When the message is made.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reminder"/> or <paramref name="case"/> is <see langword="null"/>.</exception>
    public static ActionDueMessage For(Reminder reminder, RunnerUpCase @case, Instant timestamp)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentNullException.ThrowIfNull(@case);
        return new ActionDueMessage { Timestamp = timestamp, Reminder = reminder, Candidate = @case.Candidate, Company = @case.Company, Role = @case.Role };
    }

    /// <summary>Writes the message as UTF-8 JSON, the exact bytes to sign and send.</summary>
    /// <returns>The body.</returns>
    public byte[] ToUtf8Json()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var r = Reminder;
            writer.WriteStartObject();
            writer.WriteString("type", EventType);
            writer.WriteString("timestamp", InstantPattern.ExtendedIso.Format(Timestamp));
            writer.WriteStartObject("data");
            writer.WriteString("caseId", r.CaseId);
            writer.WriteString("candidate", Candidate);
            writer.WriteString("company", Company);
            writer.WriteString("role", Role);
            writer.WriteString("action", r.Action.ToString());
            if (r.Step is { } step)
            {
                writer.WriteNumber("step", step);
            }
            else
            {
                writer.WriteNull("step");
            }

            writer.WriteStartArray("covers");
            foreach (var covered in r.Covers)
            {
                writer.WriteNumberValue(covered);
            }

            writer.WriteEndArray();
            writer.WriteString("dueOn", LocalDatePattern.Iso.Format(r.DueOn));
            WriteDate(writer, "windowStart", r.WindowStart);
            WriteDate(writer, "windowEnd", r.WindowEnd);
            writer.WriteString("guidance", r.Guidance);
            writer.WriteString("reminderId", r.Id);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, LocalDate? date)
    {
        if (date is { } d)
        {
            writer.WriteString(name, LocalDatePattern.Iso.Format(d));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
