using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Text;
using SecondChance.Calendar;
using SecondChance.Cases;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The case's upcoming playbook actions as an iCalendar file (<see cref="PlanCalendar.Export"/>), with
/// the store's case id as the key of every UID, so downloading it again updates the same entries.
/// The same URL is a subscription feed: a calendar app given <c>webcal://host/api/cases/{id}/calendar.ics?key=...</c>
/// (any credential of <see cref="ICalendarFeedAccess"/>), or <c>?link=...</c> with a candidate link's token,
/// fetches it again by itself, revalidating with its ETag.
/// </summary>
public static partial class CalendarApi
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Calendar")
            .MapGet("/cases/{id}/calendar.ics", GetCalendar)
            .WithName("GetCalendar")
            .WithSummary("The case's upcoming actions as an iCalendar (.ics) file")
            .WithDescription("One reminder per upcoming action (with an all-day entry for its window) at the given local time in the case's time zone, 09:00 by default, and a cancelled entry (STATUS:CANCELLED, higher SEQUENCE) for each action that is done or no longer applies. UIDs are built from the case id, so importing the file again updates the entries instead of adding copies. As a webcal: subscription the credential goes in the query (a calendar app sends no headers): a candidate link's token in link, or the tenant key in key; the file then comes inline with a calendar name and a one-hour refresh interval. Every answer carries an ETag; a request with a matching If-None-Match gets 304.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "time") is OpenApiParameter time)
                {
                    time.Description = "Local start time of each reminder in the case's time zone, HH:mm (24-hour); 09:00 by default.";
                    time.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-2][0-9]:[0-5][0-9]$", Examples = [JsonValue.Create("09:00")] };
                }

                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = TenantKeyFeedAccess.QueryName,
                    In = ParameterLocation.Query,
                    Description = "For a webcal: subscription only: the tenant's API key, since a calendar app cannot send the X-Api-Key header. Anyone holding the URL can read the calendar.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = Links.CandidateLinkApi.QueryName,
                    In = ParameterLocation.Query,
                    Description = "For a webcal: subscription from a candidate link: the link's token, which opens this one case's calendar only, until the link expires or is revoked (then 401). Use it rather than the tenant key in any URL a candidate holds.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });

                return Task.CompletedTask;
            })
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .WithResponseHeader(StatusCodes.Status200OK, "Content-Disposition", "attachment (inline for a feed request), with a file name made of the candidate and company, such as alex-rivera-contoso-plan.ics.", "attachment; filename=alex-rivera-contoso-plan.ics")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<IResult> GetCalendar(string id, string? time, HttpContext http, ICaseStore store, CaseCache cases, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        var options = new CalendarExportOptions();
        if (time is not null)
        {
            var parsed = TimePattern.Parse(time);
            if (!parsed.Success)
            {
                return CaseApi.Invalid([new CaseError("time", $"'{(time.Length > 40 ? time[..40] + "..." : time)}' is not a time of day; use HH:mm, such as 09:00")]);
            }

            options.TimeOfDay = parsed.Value;
        }

        if (await cases.ReadAsync(store, http.Tenant(), id, ct) is not { } @case)
        {
            return CaseApi.CaseNotFound(id);
        }

        var engine = tenants.For(http.Tenant()).Engine;
        var today = engine.Today(@case, clock);
        var errors = engine.Validate(@case, today);
        if (errors.Count > 0)
        {
            return CaseApi.Invalid(errors);
        }

        var feed = http.IsFeedRequest();
        if (feed)
        {
            options.CalendarName = Shorten($"{@case.Company.Trim()}: {@case.Role.Trim()}", 200);
            options.RefreshInterval = Duration.FromHours(1);
        }

        var ics = PlanCalendar.Export(engine.Plan(@case, today), clock, options, caseId: id);

        // The ETag leaves out DTSTAMP, the export's own clock reading, so it changes only when an entry does.
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DtStamp().Replace(ics, string.Empty))))[..32] + "\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Compare(etag, useStrongComparison: false) || m.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var bytes = Encoding.UTF8.GetBytes(ics);
        if (feed)
        {
            // Inline, so a browser or calendar app opening the feed URL reads it rather than saving it.
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{FileName(@case)}\"";
            return Results.Bytes(bytes, "text/calendar; charset=utf-8");
        }

        return Results.File(bytes, "text/calendar; charset=utf-8", FileName(@case));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex(@"^DTSTAMP:[^\r\n]*\r?\n", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DtStamp();

    /// <summary>A download name such as <c>alex-rivera-contoso-plan.ics</c>: lower-case ASCII letters and digits only.</summary>
    internal static string FileName(RunnerUpCase @case)
    {
        var name = new StringBuilder();
        foreach (var c in $"{@case.Candidate} {@case.Company}".Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (name.Length > 0 && name[^1] != '-')
                {
                    name.Append('-');
                }
            }
        }

        var slug = name.ToString().Trim('-');
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }

        return (slug.Length > 0 ? slug + "-" : string.Empty) + "plan.ics";
    }
}
