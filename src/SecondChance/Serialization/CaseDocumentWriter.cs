using System.Text.Json;
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
        writer.WriteString("type", e.Type.ToString());
        writer.WriteString("on", LocalDatePattern.Iso.Format(e.On));
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
                writer.WriteString("channel", n.Channel.ToString());
                break;
            case FollowUpMade u:
                writer.WriteString("outcome", u.Outcome.ToString());
                break;
            case OfferReceived { RespondBy: { } by }:
                writer.WriteString("respondBy", LocalDatePattern.Iso.Format(by));
                break;
            case Closed c:
                writer.WriteString("reason", c.Reason.ToString());
                break;
            case OpeningSeen o:
                writer.WriteString("title", o.Title);
                if (o.Url is not null)
                {
                    writer.WriteString("url", o.Url);
                }

                writer.WriteString("match", o.Match.ToString());
                break;
        }

        writer.WriteEndObject();
    }
}
