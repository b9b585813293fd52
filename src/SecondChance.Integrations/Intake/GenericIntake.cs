using System.Text.Json;
using NodaTime;
using SecondChance.Integrations.Signatures;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>
/// Reads the generic runner-up document, for boards and tools without a dedicated mapping, signed per
/// Standard Webhooks (<see cref="StandardWebhooks"/>).
/// </summary>
/// <remarks>
/// <para>The document:</para>
/// <code language="json">
/// { "candidate": "Alex Rivera", "candidateEmail": "alex@mail.example", "company": "Contoso",
///   "role": "Engineering Manager", "level": "MiddleManagement", "timeZone": "America/Los_Angeles",
///   "notifiedOn": "2026-03-06", "gaps": ["has not led a team of 10 or more"],
///   "contact": { "name": "Pat Lee", "email": "pat@contoso.example" } }
/// </code>
/// <para><c>candidateEmail</c>, <c>timeZone</c> (default <see cref="IntakeOptions.TimeZone"/>), <c>gaps</c> and
/// <c>contact</c> are optional. The sender states that this is a runner-up notice, so no policy applies. The
/// case starts with <c>Notified</c> on <c>notifiedOn</c>, followed by <c>FeedbackRecorded</c> on the same day
/// when <c>gaps</c> is present. The timestamp must be within <see cref="IntakeOptions.TimestampTolerance"/>.</para>
/// </remarks>
public static class GenericIntake
{
    /// <summary>Reads one delivery.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="secret">The connection's signing secret.</param>
    /// <param name="clock">The clock the timestamp is checked against.</param>
    /// <param name="options">The board's settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The outcome; never throws for anything the delivery contains.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> or <paramref name="clock"/> is <see langword="null"/>.</exception>
    public static IntakeResult Read(ReadOnlySpan<byte> body, string? webhookId, string? webhookTimestamp, string? webhookSignature, StandardWebhookSecret secret, IClock clock, IntakeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new IntakeOptions();
        const IntakeSource source = IntakeSource.Generic;
        if (body.Length > options.MaxBodyBytes)
        {
            return IntakeResult.TooLarge(source, body.Length, options.MaxBodyBytes);
        }

        var check = StandardWebhooks.Verify(secret, webhookId, webhookTimestamp, webhookSignature, body, clock.GetCurrentInstant(), options.TimestampTolerance);
        if (!check.IsValid)
        {
            return IntakeResult.Unauthorized(source, check, webhookId);
        }

        var errors = new List<CaseError>();
        using var document = JsonFields.Parse(body, errors);
        if (document is null)
        {
            return IntakeResult.Invalid(source, errors, webhookId);
        }

        var root = document.RootElement;
        var candidate = JsonFields.String(root, "candidate", "candidate", errors);
        var email = JsonFields.String(root, "candidateEmail", "candidateEmail", errors, required: false);
        var company = JsonFields.String(root, "company", "company", errors);
        var role = JsonFields.String(root, "role", "role", errors);
        var level = JsonFields.String(root, "level", "level", errors);
        var zone = JsonFields.String(root, "timeZone", "timeZone", errors, required: false) ?? options.TimeZone;
        var notifiedOn = JsonFields.Date(root, "notifiedOn", "notifiedOn", errors);
        var gaps = Gaps(root, errors);
        Contact? contact = null;
        if (JsonFields.Object(root, "contact", "contact", errors, required: false) is { } c)
        {
            var name = JsonFields.String(c, "name", "contact.name", errors);
            contact = new Contact(name ?? string.Empty, JsonFields.String(c, "email", "contact.email", errors, required: false));
        }

        if (errors.Count > 0 || notifiedOn is not { } on)
        {
            return IntakeResult.Invalid(source, errors, webhookId);
        }

        var events = new List<CaseEvent> { new Notified(on) };
        if (gaps is not null)
        {
            events.Add(new FeedbackRecorded(on, gaps));
        }

        return new IntakeResult
        {
            Outcome = IntakeOutcome.RunnerUp,
            Source = source,
            DeliveryId = webhookId,
            Case = new RunnerUpCase
            {
                Candidate = candidate!,
                CandidateEmail = email,
                Company = company!,
                Role = role!,
                Level = new JobLevel(level!),
                TimeZone = zone,
                Contact = contact,
                Events = events.ToArray(),
            },
            Reason = "runner-up notice from the generic document",
        };
    }

    private static string[]? Gaps(JsonElement root, List<CaseError> errors)
    {
        switch (JsonFields.Get(root, "gaps"))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Array } array:
                var gaps = new List<string>();
                var i = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        gaps.Add(item.GetString()!);
                    }
                    else
                    {
                        errors.Add(new CaseError($"gaps[{i}]", "must be a string"));
                    }

                    i++;
                }

                return gaps.ToArray();
            default:
                errors.Add(new CaseError("gaps", "must be an array of strings"));
                return null;
        }
    }
}
