using Microsoft.AspNetCore.Routing.Template;

namespace SecondChance.Samples.Web.Tenancy;

/// <summary>
/// One way a calendar app may prove access to a case's calendar feed. A calendar app subscribed to
/// a <c>webcal:</c> URL sends no headers, so the credential travels in the query string. Every
/// registered <see cref="ICalendarFeedAccess"/> is asked in turn; the first that knows the request
/// names the tenant. A signed candidate-link token slots in as one more implementation.
/// </summary>
public interface ICalendarFeedAccess
{
    /// <summary>Returns the tenant that <paramref name="request"/> may read case <paramref name="caseId"/>'s feed for, or <see langword="null"/> when this credential is absent or not valid.</summary>
    string? TenantFor(HttpRequest request, string caseId);
}

/// <summary>The tenant's API key as the <c>key</c> query parameter: <c>webcal://host/api/cases/{id}/calendar.ics?key=...</c>.</summary>
public sealed class TenantKeyFeedAccess(TenantDirectory tenants) : ICalendarFeedAccess
{
    /// <summary>The query parameter that carries the key.</summary>
    public const string QueryName = "key";

    /// <inheritdoc />
    public string? TenantFor(HttpRequest request, string caseId) =>
        request.Query.TryGetValue(QueryName, out var key) && key.Count == 1 ? tenants.FindByKey(key[0]) : null;
}

/// <summary>Finds whether a request is for a case's calendar feed, and which credential opens it.</summary>
public static class CalendarFeed
{
    private const string FeedItem = "SecondChance.CalendarFeed";
    private static readonly TemplateMatcher Route = new(TemplateParser.Parse("/api/cases/{id}/calendar.ics"), new RouteValueDictionary());

    /// <summary>Returns the case id when <paramref name="request"/> is a GET or HEAD of a case's calendar; otherwise <see langword="null"/>.</summary>
    public static string? CaseId(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var values = new RouteValueDictionary();
        return Route.TryMatch(request.Path, values) ? values["id"] as string : null;
    }

    /// <summary>Asks every registered <see cref="ICalendarFeedAccess"/>; marks the request as a feed request when one names a tenant.</summary>
    public static string? Tenant(HttpContext context)
    {
        if (CaseId(context.Request) is not { } id)
        {
            return null;
        }

        foreach (var access in context.RequestServices.GetServices<ICalendarFeedAccess>())
        {
            if (access.TenantFor(context.Request, id) is { } tenant)
            {
                context.Items[FeedItem] = true;
                return tenant;
            }
        }

        return null;
    }

    /// <summary>Marks the request as a feed request: let in by a credential in its query string, which only a subscribed calendar app sends.</summary>
    public static void MarkAsFeedRequest(this HttpContext context) => context.Items[FeedItem] = true;

    /// <summary>Gets whether this request was let in by a feed credential (a subscribed calendar app) rather than the API key header.</summary>
    public static bool IsFeedRequest(this HttpContext context) => context.Items.ContainsKey(FeedItem);
}
