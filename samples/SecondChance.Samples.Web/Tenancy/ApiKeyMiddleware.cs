using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections.Features;

namespace SecondChance.Samples.Web.Tenancy;

/// <summary>
/// Resolves the tenant of every <c>/api</c> request from its <c>X-Api-Key</c> header (or, for a
/// case's calendar feed only, from a credential in the query string, see <see cref="CalendarFeed"/>);
/// answers 401 when there is no such tenant.
/// </summary>
public static class ApiKeyMiddleware
{
    public const string HeaderName = "X-Api-Key";
    private const string TenantItem = "SecondChance.Tenant";
    private const string KeyTenantItem = "SecondChance.KeyTenant";

    public static IApplicationBuilder UseApiKeyTenants(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // ATS deliveries carry no API key: their signature is the authentication (see IntakeApi).
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Items.ContainsKey(TenantItem)
                || context.Request.Path.StartsWithSegments("/api/intake", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var tenant = context.KeyTenant() ?? CalendarFeed.Tenant(context);
            if (tenant is null)
            {
                context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
                await Results.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Missing or unknown API key",
                        detail: $"Send your tenant's API key in the {HeaderName} header.")
                    .ExecuteAsync(context);
                return;
            }

            context.Items[TenantItem] = tenant;
            await next(context);
        });

    /// <summary>
    /// Returns the tenant whose key the request's <c>X-Api-Key</c> header holds, or <see langword="null"/>;
    /// looked up once per request (the rate limiter asks before this middleware does).
    /// </summary>
    public static string? KeyTenant(this HttpContext context)
    {
        if (context.Items.TryGetValue(KeyTenantItem, out var known))
        {
            return known as string;
        }

        var key = context.Request.Headers[HeaderName].ToString();
        var tenant = key.Length == 0 ? null : FindOnConnection(context, key);
        context.Items[KeyTenantItem] = tenant;
        return tenant;
    }

    // A keep-alive connection sends the same key request after request: the tenant found for the last key
    // this connection sent is kept with the connection, and a request with that same key (compared in
    // constant time, so even a proxy multiplexing clients over one connection learns nothing from the
    // timing) skips hashing it again. A different or unknown key is looked up as usual.
    private static string? FindOnConnection(HttpContext context, string key)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(KeyTenantItem, out var remembered) && remembered is KnownKey known && known.Matches(key))
        {
            return known.Tenant;
        }

        var tenant = context.RequestServices.GetRequiredService<TenantDirectory>().FindByKey(key);
        if (items is not null && tenant is not null)
        {
            items[KeyTenantItem] = new KnownKey(key, tenant);
        }

        return tenant;
    }

    private sealed record KnownKey(string Key, string Tenant)
    {
        public bool Matches(string key) => CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(Key.AsSpan()), MemoryMarshal.AsBytes(key.AsSpan()));
    }

    /// <summary>Sets the tenant of this request when something other than the key resolved it (a candidate link).</summary>
    public static void SetTenant(this HttpContext context, string tenant) => context.Items[TenantItem] = tenant;

    /// <summary>Gets the tenant resolved for this request.</summary>
    public static string Tenant(this HttpContext context) =>
        context.Items[TenantItem] as string ?? throw new InvalidOperationException("No tenant was resolved for this request.");
}
