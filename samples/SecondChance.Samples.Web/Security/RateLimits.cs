using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecondChance.Samples.Web.Tenancy;

namespace SecondChance.Samples.Web.Security;

/// <summary>
/// Request limits with ASP.NET Core's rate limiter: every <c>/api</c> request counts against its tenant
/// (the key's or the link's) and against its client address, and a request with a candidate link also
/// against the stricter candidate limit per address; endpoints can opt into the named policies
/// <see cref="Intake"/> and <see cref="Candidate"/> (<c>RequireRateLimiting("intake")</c>). Over a limit the answer is 429 with <c>Retry-After</c>.
/// Configured under <c>RateLimits</c> (permits per minute): <c>Tenant</c>, <c>Client</c>, <c>Intake</c>, <c>Candidate</c>.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy name intake endpoints use.</summary>
    public const string Intake = "intake";

    /// <summary>The policy for requests made with a candidate link.</summary>
    public const string Candidate = "candidate";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSecondChanceRateLimits(this IServiceCollection services)
    {
        // Read when the options are first needed, so configuration added after registration (a test's) counts.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection("RateLimits");
            var perTenant = section.GetValue("Tenant", 6000);
            var perClient = section.GetValue("Client", 1200);
            var intake = section.GetValue("Intake", 600);
            var candidate = section.GetValue("Candidate", 120);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "Slow down and retry after the number of seconds in Retry-After.")
                    .ExecuteAsync(context.HttpContext);
            };
            // The global limit finds each request's windows without a lock (see RequestLimiter); each
            // limit's options are made once, so counting a request allocates next to nothing.
            var tenantLimit = Limit(perTenant);
            var clientLimit = Limit(perClient);
            var candidateLimit = Limit(candidate);
            options.GlobalLimiter = new RequestLimiter<PartitionKey>(http => Windows(http, tenantLimit, clientLimit, candidateLimit));
            var intakeLimit = Limit(intake);
            options.AddPolicy(Intake, http => RateLimitPartition.GetFixedWindowLimiter(new PartitionKey("intake", ClientOf(http)), _ => intakeLimit));
            options.AddPolicy(Candidate, http => RateLimitPartition.GetFixedWindowLimiter(new PartitionKey("candidate", ClientOf(http)), _ => candidateLimit));
        });
        return services;
    }

    // Replenished by whoever holds the window (RequestLimiter, or the runtime's partitioned limiter), never by a timer of its own.
    private static FixedWindowRateLimiterOptions Limit(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = Window, QueueLimit = 0, AutoReplenishment = false };

    // Every request counts against its tenant and its client address; one with a candidate link also against the candidate limit.
    private static IEnumerable<(PartitionKey, FixedWindowRateLimiterOptions)> Windows(HttpContext http, FixedWindowRateLimiterOptions tenant, FixedWindowRateLimiterOptions client, FixedWindowRateLimiterOptions candidate)
    {
        yield return (TenantOf(http), tenant);
        yield return (new PartitionKey("client", ClientOf(http)), client);
        if (CarriesLink(http))
        {
            yield return (new PartitionKey("candidate", ClientOf(http)), candidate);
        }
    }

    // The limiter runs before the tenant middleware, so it keys on what names the tenant: a known key's
    // tenant (looked up once for both), an unknown key, or the link.
    private static PartitionKey TenantOf(HttpContext http)
    {
        var key = http.Request.Headers[ApiKeyMiddleware.HeaderName].ToString();
        if (key.Length > 0)
        {
            return http.KeyTenant() is { } tenant
                ? new PartitionKey("tenant", tenant)
                : new PartitionKey("key", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]);
        }

        var link = http.Request.Headers[Links.CandidateLinkApi.HeaderName].ToString();
        return link.Length > 0 ? new PartitionKey("link", link.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture)) : new PartitionKey("none", string.Empty);
    }

    private static bool CarriesLink(HttpContext http) =>
        http.Request.Headers.ContainsKey(Links.CandidateLinkApi.HeaderName) || http.Request.Query.ContainsKey(Links.CandidateLinkApi.QueryName);

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // What one fixed window counts for: a kind ("tenant", "client", ...) and the name within it.
    private readonly record struct PartitionKey(string Kind, string Name);
}
