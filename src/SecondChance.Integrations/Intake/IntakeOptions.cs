using NodaTime;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Integrations.Intake;

/// <summary>A board's settings for one ATS connection (per tenant): what counts as a runner-up notice and what the ATS does not say.</summary>
public sealed class IntakeOptions
{
    /// <summary>The largest body read, 1 MiB; a larger delivery is refused before its signature is computed.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Gets which rejections are runner-up notices.</summary>
    public RunnerUpPolicy Policy { get; init; } = new();

    /// <summary>Gets the employer's name for cases from an ATS whose deliveries do not name it (Greenhouse, Lever): the ATS account belongs to one employer.</summary>
    /// <value>The default value is <see langword="null"/>: such a delivery is then refused with an error naming this setting.</value>
    public string? Company { get; init; }

    /// <summary>Gets the job level for cases from an ATS that does not carry one.</summary>
    /// <value>The default value is <see cref="JobLevel.MiddleManagement"/>.</value>
    public JobLevel Level { get; init; } = JobLevel.MiddleManagement;

    /// <summary>Gets the IANA time zone for cases from an ATS that does not carry one; it decides the date of the call and when reminders go out.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets how far a signed timestamp may be from the current time before the delivery is refused as stale.</summary>
    /// <value>The default value is <see cref="StandardWebhooks.DefaultTolerance"/> (5 minutes).</value>
    public Duration TimestampTolerance { get; init; } = StandardWebhooks.DefaultTolerance;

    /// <summary>Gets the largest body accepted, in bytes.</summary>
    /// <value>The default value is <see cref="DefaultMaxBodyBytes"/>.</value>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
}
