using System.Text.Json;
using SecondChance.Integrations.Signatures;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>
/// Reads Greenhouse's <c>reject_candidate</c> web hook ("Candidate or Prospect Rejected") into a new case.
/// </summary>
/// <remarks>
/// <para>Order of checks: the body's size, then the <c>Signature</c> header against the raw bytes, then the JSON.
/// A delivery with another <c>action</c> (Greenhouse's <c>ping</c> when the hook is created, or a hook
/// subscribed to other events) is <see cref="IntakeOutcome.Ignored"/>.</para>
/// <para>Fields read from <c>payload.application</c>: <c>id</c>, <c>rejected_at</c> (the day of the call, in
/// <see cref="IntakeOptions.TimeZone"/>), <c>current_stage.name</c> and <c>rejection_reason.name</c> (judged by
/// <see cref="IntakeOptions.Policy"/>), <c>candidate.first_name</c>/<c>last_name</c>, the first
/// <c>candidate.email_addresses[].value</c> (a personal one when there is one), <c>candidate.recruiter.name</c>
/// as the contact, and <c>jobs[0].name</c> as the role. The employer is <see cref="IntakeOptions.Company"/>.</para>
/// </remarks>
public static class GreenhouseIntake
{
    /// <summary>The action Greenhouse sends for a rejection.</summary>
    public const string RejectAction = "reject_candidate";

    /// <summary>Reads one delivery.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="signatureHeader">The <c>Signature</c> header; <see langword="null"/> when absent.</param>
    /// <param name="eventId">The <c>Greenhouse-Event-ID</c> header; <see langword="null"/> when absent.</param>
    /// <param name="secretKey">The web hook's secret key.</param>
    /// <param name="options">The board's settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The outcome; never throws for anything the delivery contains.</returns>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is null or empty.</exception>
    public static IntakeResult Read(ReadOnlySpan<byte> body, string? signatureHeader, string? eventId, string secretKey, IntakeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        options ??= new IntakeOptions();
        const IntakeSource source = IntakeSource.Greenhouse;
        if (body.Length > options.MaxBodyBytes)
        {
            return IntakeResult.TooLarge(source, body.Length, options.MaxBodyBytes);
        }

        var check = GreenhouseSignature.Verify(secretKey, signatureHeader, body);
        if (!check.IsValid)
        {
            return IntakeResult.Unauthorized(source, check, eventId);
        }

        var errors = new List<CaseError>();
        using var document = JsonFields.Parse(body, errors);
        if (document is null)
        {
            return IntakeResult.Invalid(source, errors, eventId);
        }

        var root = document.RootElement;
        var action = JsonFields.String(root, "action", "action", errors);
        if (action is null)
        {
            return IntakeResult.Invalid(source, errors, eventId);
        }

        if (!string.Equals(action, RejectAction, StringComparison.Ordinal))
        {
            return IntakeResult.Ignored(source, $"action '{RunnerUpPolicy.Shorten(action)}' is not {RejectAction}", eventId);
        }

        var application = JsonFields.Object(root, "payload", "payload", errors) is { } payload
            ? JsonFields.Object(payload, "application", "payload.application", errors)
            : null;
        if (application is not { } app)
        {
            return IntakeResult.Invalid(source, errors, eventId);
        }

        var applicationId = JsonFields.Id(app, "id");
        var stage = JsonFields.Object(app, "current_stage", "payload.application.current_stage", errors, required: false) is { } s
            ? JsonFields.String(s, "name", "payload.application.current_stage.name", errors, required: false)
            : null;
        var reason = JsonFields.Object(app, "rejection_reason", "payload.application.rejection_reason", errors, required: false) is { } r
            ? JsonFields.String(r, "name", "payload.application.rejection_reason.name", errors, required: false)
            : null;
        if (errors.Count == 0 && !options.Policy.IsRunnerUp(stage, reason, out var why))
        {
            return IntakeResult.Ignored(source, why, eventId, applicationId);
        }

        var rejectedAt = JsonFields.Timestamp(app, "rejected_at", "payload.application.rejected_at", errors);
        string? name = null;
        string? email = null;
        string? recruiter = null;
        if (JsonFields.Object(app, "candidate", "payload.application.candidate", errors) is { } candidate)
        {
            var first = JsonFields.String(candidate, "first_name", "payload.application.candidate.first_name", errors, required: false);
            var last = JsonFields.String(candidate, "last_name", "payload.application.candidate.last_name", errors, required: false);
            name = string.Join(' ', new[] { first, last }.Where(p => p is not null));
            if (name.Length == 0)
            {
                errors.Add(new CaseError("payload.application.candidate.first_name", "the candidate has no first or last name"));
            }

            email = Email(candidate);
            recruiter = JsonFields.Get(candidate, "recruiter") is { ValueKind: JsonValueKind.Object } rec
                ? JsonFields.String(rec, "name", "payload.application.candidate.recruiter.name", errors, required: false)
                : null;
        }

        string? role = null;
        switch (JsonFields.Get(app, "jobs"))
        {
            case { ValueKind: JsonValueKind.Array } jobs when jobs.GetArrayLength() > 0:
                role = jobs[0].ValueKind == JsonValueKind.Object
                    ? JsonFields.String(jobs[0], "name", "payload.application.jobs[0].name", errors)
                    : Add(errors, "payload.application.jobs[0]", "must be an object with a name");
                break;
            case null or { ValueKind: JsonValueKind.Array }:
                errors.Add(new CaseError("payload.application.jobs", "is required: the job the candidate was turned down for"));
                break;
            default:
                errors.Add(new CaseError("payload.application.jobs", "must be an array of jobs"));
                break;
        }

        return IntakeCase.Build(source, eventId, applicationId, errors, options, name, email, role, rejectedAt, recruiter, why: $"runner-up: {WhyText(stage, reason)}");
    }

    private static string WhyText(string? stage, string? reason) =>
        $"rejected at stage '{RunnerUpPolicy.Shorten(stage ?? "(none)")}' for reason '{RunnerUpPolicy.Shorten(reason ?? "(none)")}'";

    private static string? Add(List<CaseError> errors, string path, string message)
    {
        errors.Add(new CaseError(path, message));
        return null;
    }

    private static string? Email(JsonElement candidate)
    {
        if (JsonFields.Get(candidate, "email_addresses") is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        string? first = null;
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || JsonFields.Get(entry, "value") is not { ValueKind: JsonValueKind.String } value || string.IsNullOrWhiteSpace(value.GetString()))
            {
                continue;
            }

            var address = value.GetString()!.Trim();
            if (JsonFields.Get(entry, "type") is { ValueKind: JsonValueKind.String } type && string.Equals(type.GetString(), "personal", StringComparison.OrdinalIgnoreCase))
            {
                return address;
            }

            first ??= address;
        }

        return first;
    }
}
