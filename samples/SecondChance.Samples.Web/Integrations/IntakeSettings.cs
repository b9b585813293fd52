using SecondChance.Cases;
using SecondChance.Integrations.Intake;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// A tenant's ATS connections from configuration <c>Intake:{tenant}</c>: <c>Greenhouse:Secret</c>,
/// <c>Lever:Secret</c> (the signature token) with <c>Lever:ApiUrl</c> and <c>Lever:ApiKey</c>,
/// <c>Generic:Secret</c> (<c>whsec_...</c>), and for cases from an ATS that does not say: <c>Company</c>,
/// <c>TimeZone</c>, <c>Level</c>, and the runner-up rule <c>RunnerUp:Stages</c> / <c>RunnerUp:Reasons</c>
/// (lists; when absent, the library's defaults).
/// </summary>
public sealed class IntakeSettings
{
    private readonly IConfiguration _configuration;

    public IntakeSettings(IConfiguration configuration, Tenancy.TenantDirectory tenants)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tenants);
        _configuration = configuration;
        var problems = new List<string>();
        foreach (var section in configuration.GetSection("Intake").GetChildren())
        {
            if (!tenants.Tenants.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"Intake:{section.Key}: there is no tenant '{section.Key}' under Tenants");
                continue;
            }

            if (section["Generic:Secret"] is { } generic && !StandardWebhookSecret.TryParse(generic, out _, out var why))
            {
                problems.Add($"Intake:{section.Key}:Generic:Secret: {why}");
            }

            if (section["TimeZone"] is { } zone && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                problems.Add($"Intake:{section.Key}:TimeZone: '{zone}' is not a known IANA time zone id");
            }
        }

        Problems = problems;
    }

    /// <summary>Gets what is wrong with the configuration; the host refuses to start when this is not empty.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Gets the secret of a tenant's connection to <paramref name="source"/>; <see langword="null"/> when it is not configured.</summary>
    public string? Secret(string tenant, IntakeSource source) => Section(tenant)?[$"{source}:Secret"] is { Length: > 0 } secret ? secret : null;

    /// <summary>Gets the Lever data API's base address and key for a tenant.</summary>
    public (Uri? Url, string? Key) LeverApi(string tenant) =>
        (Uri.TryCreate(Section(tenant)?["Lever:ApiUrl"], UriKind.Absolute, out var url) ? url : null, Section(tenant)?["Lever:ApiKey"]);

    /// <summary>Gets the intake options of a tenant.</summary>
    public IntakeOptions Options(string tenant)
    {
        var section = Section(tenant);
        var stages = section?.GetSection("RunnerUp:Stages").Get<string[]>();
        var reasons = section?.GetSection("RunnerUp:Reasons").Get<string[]>();
        return new IntakeOptions
        {
            Company = section?["Company"],
            TimeZone = section?["TimeZone"] ?? "UTC",
            Level = section?["Level"] is { Length: > 0 } level ? new JobLevel(level) : JobLevel.MiddleManagement,
            Policy = new RunnerUpPolicy
            {
                Stages = stages ?? RunnerUpPolicy.DefaultStages,
                Reasons = reasons ?? RunnerUpPolicy.DefaultReasons,
            },
        };
    }

    private IConfigurationSection? Section(string tenant) =>
        _configuration.GetSection("Intake").GetChildren().FirstOrDefault(s => string.Equals(s.Key, tenant, StringComparison.OrdinalIgnoreCase));
}
