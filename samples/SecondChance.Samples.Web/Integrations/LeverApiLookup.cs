using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NodaTime;
using SecondChance.Integrations.Intake;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// Looks a Lever opportunity up through Lever's data API (<c>GET {ApiUrl}/opportunities/{id}</c> with the stage,
/// archive reason, owner and applications expanded; the API key as the basic-auth user name).
/// </summary>
public sealed class LeverApiLookup(HttpClient client, Uri apiUrl, string apiKey) : ILeverOpportunityLookup
{
    public const string HttpClientName = "lever";

    public async Task<LeverOpportunity?> FindAsync(string opportunityId, CancellationToken cancellationToken)
    {
        var address = new Uri(apiUrl.ToString().TrimEnd('/') + "/opportunities/" + Uri.EscapeDataString(opportunityId)
            + "?expand=stage&expand=archived.reason&expand=owner&expand=applications");
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var data = json.RootElement.GetProperty("data");
        string? Text(JsonElement e, params string[] path)
        {
            foreach (var p in path)
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                {
                    return null;
                }
            }

            return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }

        Instant? archivedAt = data.TryGetProperty("archived", out var archived) && archived.ValueKind == JsonValueKind.Object
            && archived.TryGetProperty("archivedAt", out var at) && at.TryGetInt64(out var ms)
            ? Instant.FromUnixTimeMilliseconds(ms)
            : null;
        var email = data.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array && emails.GetArrayLength() > 0 && emails[0].ValueKind == JsonValueKind.String
            ? emails[0].GetString()
            : null;
        var role = data.TryGetProperty("applications", out var apps) && apps.ValueKind == JsonValueKind.Array && apps.GetArrayLength() > 0
            ? Text(apps[0], "posting", "text") ?? Text(apps[0], "postingTitle")
            : null;
        return new LeverOpportunity(
            Text(data, "name") ?? string.Empty,
            role ?? string.Empty,
            Text(data, "stage", "text"),
            Text(data, "archived", "reason", "text"),
            archivedAt,
            email,
            Text(data, "owner", "name"));
    }
}
