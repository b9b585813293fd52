using SecondChance.Analytics;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// How the tenant's cases turned out, per job level (<see cref="OutcomeReport"/>). The stored cases
/// stream through an <see cref="OutcomeAccumulator"/> one at a time, so memory stays flat however many
/// cases the tenant has.
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

    private static async Task<IResult> GetStats(HttpContext http, CaseStore store, TenantDirectory tenants, CancellationToken ct)
    {
        var tenant = http.Tenant();
        var accumulator = new OutcomeAccumulator(tenants.For(tenant).Engine);
        await foreach (var document in store.DocumentsAsync(tenant, ct))
        {
            if (SecondChanceJson.ParseCase(document).Case is { } @case)
            {
                accumulator.Add(@case);
            }
            else
            {
                accumulator.Skip();
            }
        }

        return Results.Ok(accumulator.ToReport());
    }
}
