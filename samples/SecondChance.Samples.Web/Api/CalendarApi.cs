using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
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
/// </summary>
public static class CalendarApi
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Calendar")
            .MapGet("/cases/{id}/calendar.ics", GetCalendar)
            .WithName("GetCalendar")
            .WithSummary("The case's upcoming actions as an iCalendar (.ics) file")
            .WithDescription("One reminder per upcoming action (with an all-day entry for its window) at the given local time in the case's time zone, 09:00 by default. UIDs are built from the case id, so importing the file again updates the entries instead of adding copies. A closed case gives a calendar with no events.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "time") is OpenApiParameter time)
                {
                    time.Description = "Local start time of each reminder in the case's time zone, HH:mm (24-hour); 09:00 by default.";
                    time.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-2][0-9]:[0-5][0-9]$", Examples = [JsonValue.Create("09:00")] };
                }

                return Task.CompletedTask;
            })
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithResponseHeader(StatusCodes.Status200OK, "Content-Disposition", "attachment, with a file name made of the candidate and company, such as alex-rivera-contoso-plan.ics.", "attachment; filename=alex-rivera-contoso-plan.ics")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<IResult> GetCalendar(string id, string? time, HttpContext http, ICaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
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

        var stored = await store.GetAsync(http.Tenant(), id, ct);
        if (stored is null)
        {
            return CaseApi.CaseNotFound(id);
        }

        var engine = tenants.For(http.Tenant()).Engine;
        var @case = CaseApi.Load(stored);
        var today = engine.Today(@case, clock);
        var errors = engine.Validate(@case, today);
        if (errors.Count > 0)
        {
            return CaseApi.Invalid(errors);
        }

        var ics = PlanCalendar.Export(engine.Plan(@case, today), clock, options, caseId: id);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", FileName(@case));
    }

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
