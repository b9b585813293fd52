namespace SecondChance.Samples.Web.Api;

/// <summary>
/// A JSON answer whose UTF-8 bytes are already made (a cached "next", an agenda page, a write's answer):
/// the status, the content type and length, then the bytes, and nothing else. <c>Results.Bytes</c> sends
/// the same bytes through the file-result machinery (preconditions, ranges, a clock read) that an
/// answer made per request never uses.
/// </summary>
internal sealed class JsonBytes(byte[] body, int statusCode = StatusCodes.Status200OK, string contentType = JsonBytes.Utf8Json) : IResult
{
    /// <summary>JSON in UTF-8, said explicitly.</summary>
    public const string Utf8Json = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
