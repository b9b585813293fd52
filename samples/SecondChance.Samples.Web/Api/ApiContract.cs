using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecondChance.Samples.Web.Api;

/// <summary>Parts of the HTTP contract that several endpoints share, with their OpenAPI description.</summary>
public static class ApiContract
{
    /// <summary>The largest request body accepted, in bytes.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Answers 415 problem+json when a request sends a body that is not UTF-8 JSON: no <c>Content-Type</c>,
    /// one other than <c>application/json</c> or <c>application/*+json</c>, or a declared charset other
    /// than UTF-8 (<c>application/json; charset=latin1</c> would be read as UTF-8 and its text garbled).
    /// A request without a body passes, so an endpoint whose body is optional takes an empty one with no
    /// <c>Content-Type</c>.
    /// </summary>
    public static RouteHandlerBuilder RequireJsonBody(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
            return !hasBody || (request.HasJsonContentType() && IsUtf8(request.ContentType))
                ? await next(context)
                : Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "The body must be UTF-8 JSON",
                    detail: $"Send the body as UTF-8 JSON with Content-Type: application/json (charset=utf-8 may be given; no other charset is read). This request sent {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"'{Shorten(request.ContentType)}'")}. Nothing was stored or changed.");
        })
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Whether a JSON content type declares no charset, or UTF-8 (JSON's only encoding on the wire, RFC 8259).</summary>
    private static bool IsUtf8(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.Charset.Length == 0
            || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase));

    /// <summary>Documents a response header of one status code in OpenAPI.</summary>
    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int status, string name, string description, string? example = null) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[name] = new OpenApiHeader
                {
                    Description = description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = example is null ? null : [System.Text.Json.Nodes.JsonValue.Create(example)] },
                };
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Turns a body over <see cref="MaxRequestBodyBytes"/> into 413 problem+json instead of an unhandled
    /// exception, and logs it as the client's mistake it is (one line, no stack trace).
    /// </summary>
    public static IApplicationBuilder UseBodySizeLimitProblem(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiContract));
                RequestLog.BodyTooLarge(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, MaxRequestBodyBytes);
                context.Response.Clear();
                await Results.Problem(
                        statusCode: StatusCodes.Status413PayloadTooLarge,
                        title: "The body is too large",
                        detail: $"Request bodies are limited to {MaxRequestBodyBytes:N0} bytes. Nothing was stored or changed.")
                    .ExecuteAsync(context);
            }
        });

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 60 ? value[..60] + "..." : value;
}
