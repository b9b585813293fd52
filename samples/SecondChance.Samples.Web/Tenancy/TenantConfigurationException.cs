namespace SecondChance.Samples.Web.Tenancy;

/// <summary>The tenants or rule sets in configuration cannot be used; the message lists every problem, one per line.</summary>
public sealed class TenantConfigurationException : Exception
{
    public TenantConfigurationException()
        : this(Array.Empty<string>())
    {
    }

    public TenantConfigurationException(string message)
        : this([message])
    {
    }

    public TenantConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public TenantConfigurationException(IReadOnlyList<string> problems)
        : base("The tenant configuration has problems; the app will not start until they are fixed:"
               + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
