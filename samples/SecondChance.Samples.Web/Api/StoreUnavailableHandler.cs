using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// Answers 503 problem+json, with <c>Retry-After</c>, when a request fails because the database does not
/// answer: the write did not happen (or, if the connection broke during the commit, an idempotency key
/// makes the retry safe). Once the database is back, the next request opens a fresh connection.
/// </summary>
internal sealed partial class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = exception is StoreUnavailableException
            || PostgreSqlCaseStore.IsUnavailable(exception)
            || exception is SqliteException { SqliteErrorCode: 5 or 6 or 14 }; // busy, locked, cannot open
        if (!unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        DatabaseUnavailable(logger, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not available",
                Detail = "Nothing was recorded. Try again shortly; a request with an Idempotency-Key is safe to repeat.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database did not answer a request to {Path}: {Reason}")]
    private static partial void DatabaseUnavailable(ILogger logger, PathString path, string reason);
}
