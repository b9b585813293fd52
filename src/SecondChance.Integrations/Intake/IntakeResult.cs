using SecondChance.Integrations.Signatures;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>The outcome of reading one ATS delivery.</summary>
public sealed record IntakeResult
{
    /// <summary>Gets what the delivery turned out to be.</summary>
    public required IntakeOutcome Outcome { get; init; }

    /// <summary>Gets where it came from.</summary>
    public required IntakeSource Source { get; init; }

    /// <summary>Gets the delivery's id (Greenhouse-Event-ID, Lever's event and opportunity with the trigger time, or webhook-id); a redelivery carries the same id. <see langword="null"/> when the delivery had none.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>Gets the ATS's id of the application or opportunity, when it has one, so a host can find the case made from it.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the new case for a runner-up notice; <see langword="null"/> otherwise. Validate it with the tenant's engine before storing it.</summary>
    public RunnerUpCase? Case { get; init; }

    /// <summary>Gets why the delivery was taken, ignored or refused, for the log and the response.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the field errors of an invalid delivery; empty otherwise.</summary>
    public IReadOnlyList<CaseError> Errors { get; init; } = [];

    /// <summary>Gets the signature check when it failed; <see langword="null"/> when it passed or was not reached.</summary>
    public SignatureCheck? Signature { get; init; }

    internal static IntakeResult Unauthorized(IntakeSource source, SignatureCheck check, string? deliveryId = null) => new()
    {
        Outcome = IntakeOutcome.Unauthorized,
        Source = source,
        DeliveryId = deliveryId,
        Reason = check.Message,
        Signature = check,
    };

    internal static IntakeResult Invalid(IntakeSource source, IReadOnlyList<CaseError> errors, string? deliveryId = null) => new()
    {
        Outcome = IntakeOutcome.Invalid,
        Source = source,
        DeliveryId = deliveryId,
        Reason = "the delivery cannot be read: " + string.Join("; ", errors),
        Errors = errors,
    };

    internal static IntakeResult Ignored(IntakeSource source, string reason, string? deliveryId, string? externalId = null) => new()
    {
        Outcome = IntakeOutcome.Ignored,
        Source = source,
        DeliveryId = deliveryId,
        ExternalId = externalId,
        Reason = reason,
    };

    internal static IntakeResult TooLarge(IntakeSource source, int length, int max) =>
        Invalid(source, [new CaseError("$", $"the body has {length} bytes; at most {max} are accepted")]);
}
