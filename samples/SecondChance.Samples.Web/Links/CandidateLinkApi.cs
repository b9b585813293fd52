using System.Text.Json;
using NodaTime;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Links;

/// <summary>
/// Candidate links: the tenant (with its key) issues and revokes them; a request that carries one, in
/// the <c>X-Candidate-Link</c> header or the <c>link</c> query parameter, may read that one case, record
/// its events, draft and check its note and download its calendar, and nothing else.
/// </summary>
public static class CandidateLinkApi
{
    /// <summary>The header a page opened from a link sends its token in.</summary>
    public const string HeaderName = "X-Candidate-Link";

    /// <summary>The query parameter that carries the token where no header can be sent (the page's address, a calendar feed).</summary>
    public const string QueryName = "link";

    private const string LinkItem = "SecondChance.CandidateLink";

    // What a link may do, as (method, path after /api/cases/{id}).
    private static readonly (string Method, string Tail)[] Allowed =
    [
        ("GET", string.Empty), ("GET", "/next"), ("GET", "/plan"), ("POST", "/events"),
        ("POST", "/note/draft"), ("POST", "/note/check"), ("GET", "/calendar.ics"),
    ];

    /// <summary>Maps the tenant's endpoints that issue and revoke links.</summary>
    public static IEndpointRouteBuilder MapCandidateLinkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{id}/links").WithTags("Candidate links");
        api.MapPost(string.Empty, Issue)
            .WithSummary("Issue a link that opens this one case")
            .WithDescription("Returns the page address with a signed token that expires (validForDays, 1 to 90, default 30). Whoever holds it can read this case, record its events, draft and check its note and download its calendar, and nothing else.")
            .RequireJsonBody()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{linkId}", Revoke)
            .WithSummary("Revoke a link")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Resolves a candidate link before the API key: a valid link sets the tenant and limits the request to its case.</summary>
    public static IApplicationBuilder UseCandidateLinks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            string? token = request.Headers[HeaderName];
            var fromQuery = string.IsNullOrEmpty(token);
            if (fromQuery)
            {
                token = request.Query[QueryName];
            }

            if (string.IsNullOrEmpty(token) || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var link = await context.RequestServices.GetRequiredService<CandidateLinks>().CheckAsync(token, context.RequestAborted);
            if (link is null)
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Invalid candidate link",
                        detail: "The link is malformed, has expired or was revoked; ask for a new one.")
                    .ExecuteAsync(context);
                return;
            }

            if (!Permits(request.Method, request.Path.Value ?? string.Empty, link.CaseId))
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "Not allowed with a candidate link",
                        detail: "A candidate link opens its own case only: read it, record its events, draft and check its note, download its calendar.")
                    .ExecuteAsync(context);
                return;
            }

            context.Items[LinkItem] = link;
            context.SetTenant(link.Tenant);
            if (fromQuery && CalendarFeed.CaseId(request) is not null)
            {
                // The token in the address of calendar.ics: a webcal: subscription, served as a feed.
                context.MarkAsFeedRequest();
            }

            await next(context);
        });

    /// <summary>Gets the candidate link this request was made with, if any.</summary>
    public static CandidateLink? CandidateLink(this HttpContext context) => context.Items[LinkItem] as CandidateLink;

    private static bool Permits(string method, string path, string caseId)
    {
        var prefix = "/api/cases/" + caseId;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[prefix.Length..];
        return Array.Exists(Allowed, a => string.Equals(a.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Tail, rest, StringComparison.Ordinal));
    }

    private static async Task<IResult> Issue(string id, HttpContext http, ICaseStore store, CandidateLinks links, CancellationToken ct)
    {
        var days = CandidateLinks.DefaultValidForDays;
        var body = await CaseApi.ReadBody(http.Request, ct);
        if (!string.IsNullOrWhiteSpace(body))
        {
            if (ReadDays(body) is not { } given)
            {
                return CaseApi.Invalid([new CaseError("validForDays", $"must be a whole number of days from 1 to {CandidateLinks.MaxValidForDays}")]);
            }

            days = given;
        }

        if (await store.GetAsync(http.Tenant(), id, ct) is null)
        {
            return CaseApi.CaseNotFound(id);
        }

        var (link, token) = await links.IssueAsync(http.Tenant(), id, Duration.FromDays(days), ct);
        var url = $"/?{QueryName}={Uri.EscapeDataString(token)}&case={Uri.EscapeDataString(id)}";
        return Results.Created($"/api/cases/{id}/links/{link.Id}", new { id = link.Id, url, token, expiresAt = link.ExpiresAt });
    }

    private static async Task<IResult> Revoke(string id, string linkId, HttpContext http, CandidateLinks links, CancellationToken ct) =>
        await links.RevokeAsync(http.Tenant(), id, linkId, ct)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such link", detail: $"Case '{id}' has no link '{linkId}'.");

    private static int? ReadDays(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("validForDays", out var v)
                && v.TryGetInt32(out var days) && days is >= 1 and <= CandidateLinks.MaxValidForDays
                ? days
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
