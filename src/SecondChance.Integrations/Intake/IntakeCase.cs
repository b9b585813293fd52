using NodaTime;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>Builds the case an ATS rejection starts: one Notified event on the day of the rejection in the board's time zone.</summary>
internal static class IntakeCase
{
    public static IntakeResult Build(
        IntakeSource source,
        string? deliveryId,
        string? externalId,
        List<CaseError> errors,
        IntakeOptions options,
        string? candidate,
        string? email,
        string? role,
        Instant? rejectedAt,
        string? contact,
        string why)
    {
        if (string.IsNullOrWhiteSpace(options.Company))
        {
            errors.Add(new CaseError("company", $"{source} deliveries do not name the employer; set the company for this connection"));
        }

        var zone = JsonFields.Zone(options.TimeZone, "timeZone", errors);
        if (errors.Count > 0 || zone is null || rejectedAt is not { } at)
        {
            return IntakeResult.Invalid(source, errors, deliveryId);
        }

        var @case = new RunnerUpCase
        {
            Candidate = candidate!,
            CandidateEmail = email,
            Company = options.Company!.Trim(),
            Role = role!,
            Level = options.Level,
            TimeZone = options.TimeZone,
            Contact = contact is null ? null : new Contact(contact),
            Events = [new Notified(at.InZone(zone).Date)],
        };
        return new IntakeResult
        {
            Outcome = IntakeOutcome.RunnerUp,
            Source = source,
            DeliveryId = deliveryId,
            ExternalId = externalId,
            Case = @case,
            Reason = why,
        };
    }
}
