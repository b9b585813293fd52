using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Api;

/// <summary>Probes for an orchestrator: <c>/healthz</c> (the process answers) and <c>/readyz</c> (and its database does).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup(string.Empty).WithTags("Health");
        health.MapGet("/healthz", () => Results.Text("""{"status":"alive"}""", "application/json"))
            .WithName("Alive")
            .WithSummary("The process is alive")
            .WithDescription("Always 200 while the app answers requests; needs no API key.")
            .Produces<HealthStatus>();
        health.MapGet("/readyz", Ready)
            .WithName("Ready")
            .WithSummary("The app can serve requests: its database answers")
            .WithDescription("200 when the database answers a query and has this app's schema; 503 problem+json otherwise. Needs no API key.")
            .Produces<HealthStatus>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> Ready(ICaseStore store, CancellationToken ct) =>
        await store.IsReachableAsync(ct)
            ? Results.Text("""{"status":"ready"}""", "application/json")
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "The database does not answer, or does not have this app's schema.");
}

/// <summary>The body of a health probe's answer.</summary>
/// <param name="Status">"alive" or "ready".</param>
public sealed record HealthStatus(string Status);
