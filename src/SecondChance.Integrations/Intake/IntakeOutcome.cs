namespace SecondChance.Integrations.Intake;

/// <summary>What a delivery turned out to be.</summary>
public enum IntakeOutcome
{
    /// <summary>A runner-up notice: <see cref="IntakeResult.Case"/> is the new case.</summary>
    RunnerUp,

    /// <summary>A genuine delivery that is not a runner-up notice (another action, stage or reason); acknowledge it and store nothing. <see cref="IntakeResult.Reason"/> says why.</summary>
    Ignored,

    /// <summary>The signature is missing, wrong or stale: the delivery cannot be trusted. Store nothing.</summary>
    Unauthorized,

    /// <summary>The delivery is signed correctly but cannot be read (not JSON, a required field missing, too large); <see cref="IntakeResult.Errors"/> name the fields.</summary>
    Invalid,
}
