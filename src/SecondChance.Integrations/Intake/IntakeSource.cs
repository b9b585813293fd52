namespace SecondChance.Integrations.Intake;

/// <summary>Where a delivery came from.</summary>
public enum IntakeSource
{
    /// <summary>Greenhouse's <c>reject_candidate</c> web hook.</summary>
    Greenhouse,

    /// <summary>Lever's candidate archive or stage change web hook.</summary>
    Lever,

    /// <summary>The generic runner-up document, signed per Standard Webhooks.</summary>
    Generic,
}
