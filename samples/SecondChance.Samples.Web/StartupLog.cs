namespace SecondChance.Samples.Web;

/// <summary>The host's start-up log messages.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problems}")]
    public static partial void ConfigurationRejected(ILogger logger, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recomputed due dates of {Count} cases of tenant {Tenant} for its current rules.")]
    public static partial void DueDatesRecomputed(ILogger logger, int count, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recompute the stored due dates of tenant {Tenant}; its cases keep their last due dates and the other tenants are served.")]
    public static partial void RecomputeFailed(ILogger logger, Exception exception, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storing cases in {Path}; tenants: {Tenants}.")]
    public static partial void Ready(ILogger logger, string path, string tenants);
}
