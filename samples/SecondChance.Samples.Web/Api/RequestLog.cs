namespace SecondChance.Samples.Web.Api;

/// <summary>Log messages about requests the API turned away.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the body is over the limit of {Limit} bytes; answered 413.")]
    public static partial void BodyTooLarge(ILogger logger, string method, string path, long limit);
}
