using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;

namespace SecondChance.Serialization;

/// <summary>Writes the case document contract.</summary>
internal static class CaseDocumentWriter
{
    public static void Write(Utf8JsonWriter writer, RunnerUpCase value)
    {
        writer.WriteStartObject();
        writer.WriteString("candidate", value.Candidate);
        writer.WriteString("company", value.Company);
        writer.WriteString("role", value.Role);
        writer.WriteString("level", value.Level.Name);
        writer.WriteString("timeZone", value.TimeZone);
        if (value.CandidateEmail is not null)
        {
            writer.WriteString("candidateEmail", value.CandidateEmail);
        }

        if (value.Contact is { } contact)
        {
            writer.WriteStartObject("contact");
            writer.WriteString("name", contact.Name);
            if (contact.Email is not null)
            {
                writer.WriteString("email", contact.Email);
            }

            writer.WriteEndObject();
        }

        writer.WriteStartArray("events");
        foreach (var e in value.Events)
        {
            WriteEvent(writer, e);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter writer, CaseEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Name(e.Type));
        WriteDate(writer, "on", e.On);
        switch (e)
        {
            case FeedbackRecorded f:
                writer.WriteStartArray("gaps");
                foreach (var gap in f.Gaps ?? [])
                {
                    writer.WriteStringValue(gap);
                }

                writer.WriteEndArray();
                break;
            case NoteSent n:
                writer.WriteString("channel", Name(n.Channel));
                break;
            case FollowUpMade u:
                writer.WriteString("outcome", Name(u.Outcome));
                break;
            case OfferReceived { RespondBy: { } by }:
                WriteDate(writer, "respondBy", by);
                break;
            case Closed c:
                writer.WriteString("reason", Name(c.Reason));
                break;
            case OpeningSeen o:
                writer.WriteString("title", o.Title);
                if (o.Url is not null)
                {
                    writer.WriteString("url", o.Url);
                }

                writer.WriteString("match", Name(o.Match));
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes <paramref name="date"/> as <c>uuuu-MM-dd</c>, the text <see cref="LocalDatePattern.Iso"/> formats:
    /// straight to UTF-8 for ISO years 1 to 9999 (every date a case holds), through the pattern otherwise.
    /// </summary>
    internal static void WriteDate(Utf8JsonWriter writer, string name, LocalDate date)
    {
        if (date.Year is < 1 or > 9999 || date.Calendar != CalendarSystem.Iso)
        {
            writer.WriteString(name, LocalDatePattern.Iso.Format(date));
            return;
        }

        Span<byte> text = stackalloc byte[10];
        Digits(text[..4], date.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), date.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), date.Day);
        writer.WriteString(name, text);
    }

    // An enum member's name without boxing the value (ToString on an enum boxes it, once per event written).
    private static string Name<T>(T value)
        where T : struct, Enum => EnumNames<T>.Of(value);

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static class EnumNames<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => v.ToString());

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
    }
}
