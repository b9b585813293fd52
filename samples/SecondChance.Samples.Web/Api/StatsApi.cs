using SecondChance.Analytics;
using SecondChance.Samples.Web.Tenancy;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// How the tenant's cases turned out, per job level (<see cref="OutcomeReport"/>), from the counts
/// <see cref="TenantStats"/> keeps up to date on every write: no case is read to answer.
/// </summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Stats")
            .MapGet("/stats", GetStats)
            .WithName("GetStats")
            .WithSummary("Outcome statistics of the tenant's cases, per job level")
            .WithDescription("Per level: how many cases reached each stage (note sent, follow-up, approached, offered, hired) with 95% Wilson intervals, median days to an approach and to a hire, and the level's chance of a hire: the prior odds updated with the tenant's closed cases, with a 95% credible interval.")
            .Produces<OutcomeReport>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static IResult GetStats(HttpContext http, TenantStats stats) => Results.Ok(stats.Report(http.Tenant()));
}
