using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using SecondChance.Integrations.Intake;
using SecondChance.Integrations.Signatures;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Security;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// <c>POST /api/intake/{tenant}/greenhouse|lever|generic</c>: an ATS tells the board a candidate was turned down.
/// No API key: the delivery's signature, checked with the tenant's secret for that ATS, is the authentication.
/// 201 with Location for a new case, 200 with the same case for a repeated delivery, 202 for a delivery that is
/// not a runner-up notice, 401 for a missing or wrong signature (nothing stored), 400 for an unreadable one,
/// 413 for a body over the tenant's limit. The case, its delivery record and its first reminder are written in one
/// transaction of the store.
/// </summary>
public static partial class IntakeApi
{
    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder routes)
    {
        var intake = routes.MapGroup("/api/intake/{tenant}").WithTags("Intake").RequireRateLimiting(RateLimits.Intake);
        intake.MapPost("/greenhouse", (string tenant, HttpContext http, CancellationToken ct) => Receive(tenant, IntakeSource.Greenhouse, http, ct))
            .WithName("IntakeGreenhouse")
            .WithSummary("Greenhouse reject_candidate web hook, signed with the Signature header");
        intake.MapPost("/lever", (string tenant, HttpContext http, CancellationToken ct) => Receive(tenant, IntakeSource.Lever, http, ct))
            .WithName("IntakeLever")
            .WithSummary("Lever candidateArchiveChange / candidateStageChange web hook, signed with its token and triggeredAt");
        intake.MapPost("/generic", (string tenant, HttpContext http, CancellationToken ct) => Receive(tenant, IntakeSource.Generic, http, ct))
            .WithName("IntakeGeneric")
            .WithSummary("The generic runner-up document, signed per Standard Webhooks");
        return routes;
    }

    private static async Task<IResult> Receive(string tenantName, IntakeSource source, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var tenants = services.GetRequiredService<TenantDirectory>();
        var settings = services.GetRequiredService<IntakeSettings>();
        var clock = services.GetRequiredService<IClock>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("SecondChance.Intake");
        var tenant = tenants.Tenants.FirstOrDefault(t => string.Equals(t, tenantName, StringComparison.OrdinalIgnoreCase));
        var secret = tenant is null ? null : settings.Secret(tenant, source);
        if (tenant is null || secret is null)
        {
            // An unknown tenant and a tenant without this ATS look the same as a bad signature: nothing to verify with.
            return Unauthorized($"There is no {source} connection to verify this delivery with.");
        }

        var options = settings.Options(tenant);
        var body = await ReadCapped(http.Request, options.MaxBodyBytes, ct);
        if (body is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The delivery is too large",
                detail: $"At most {options.MaxBodyBytes} bytes are accepted. Nothing was stored.");
        }

        var headers = http.Request.Headers;
        IntakeResult result;
        switch (source)
        {
            case IntakeSource.Greenhouse:
                result = GreenhouseIntake.Read(body, Header(headers, GreenhouseSignature.HeaderName), Header(headers, GreenhouseSignature.EventIdHeader), secret, options);
                break;
            case IntakeSource.Lever:
                var (url, key) = settings.LeverApi(tenant);
                if (url is null || string.IsNullOrEmpty(key))
                {
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Lever is not fully configured", detail: $"Set Intake:{tenant}:Lever:ApiUrl and ApiKey so deliveries can be looked up. Lever will deliver again.");
                }

                var lookup = new LeverApiLookup(services.GetRequiredService<IHttpClientFactory>().CreateClient(LeverApiLookup.HttpClientName), url, key);
                try
                {
                    result = await LeverIntake.ReadAsync(body, secret, lookup, options, ct);
                }
                catch (HttpRequestException ex)
                {
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Lever could not be reached", detail: "Looking the opportunity up failed (" + ex.Message + "). Nothing was stored; Lever will deliver again.");
                }

                break;
            default:
                result = GenericIntake.Read(body, Header(headers, StandardWebhooks.IdHeader), Header(headers, StandardWebhooks.TimestampHeader), Header(headers, StandardWebhooks.SignatureHeader), StandardWebhookSecret.Parse(secret), clock, options);
                break;
        }

        Received(log, tenant, source, result.Outcome, result.Reason);
        switch (result.Outcome)
        {
            case IntakeOutcome.Unauthorized:
                return Unauthorized(result.Reason + ". Nothing was stored.");
            case IntakeOutcome.Invalid:
                return CaseApi.Invalid(result.Errors);
        }

        var store = services.GetRequiredService<ICaseStore>();
        var intakeLog = services.GetRequiredService<IntakeLog>();
        var sourceName = source.ToString().ToLowerInvariant();
        var deliveryId = result.DeliveryId ?? Convert.ToHexStringLower(SHA256.HashData(body));
        if (await intakeLog.FindAsync(tenant, sourceName, deliveryId, result.ExternalId, ct) is { } seen)
        {
            return seen.CaseId is null ? Ignored(result.Reason) : await Existing(http, store, tenants, clock, tenant, seen.CaseId, ct);
        }

        if (result.Outcome == IntakeOutcome.Ignored)
        {
            await intakeLog.RecordIgnoredAsync(tenant, sourceName, deliveryId, result.ExternalId, result.Reason, clock.GetCurrentInstant(), ct);
            return Ignored(result.Reason);
        }

        var rules = tenants.For(tenant);
        var @case = result.Case!;
        var decision = rules.Engine.Decide(@case, rules.Engine.Today(@case, clock));
        if (!decision.IsValid)
        {
            return CaseApi.Invalid(decision.Errors);
        }

        var id = CaseApi.NewId();
        var row = services.GetRequiredService<ReminderOutboxWriter>().With(CaseApi.ToRow(@case, decision.DueOn, rules.Fingerprint), tenant, id, decision)
            with { Intake = new IntakeDelivery(sourceName, deliveryId, result.ExternalId, result.Reason, clock.GetCurrentInstant()) };
        try
        {
            await store.CreateAsync(tenant, id, row, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StoreUnavailableException)
        {
            // The same delivery raced in at the same time and won (its record is unique): answer with its case.
            if (await intakeLog.FindAsync(tenant, sourceName, deliveryId, result.ExternalId, CancellationToken.None) is { CaseId: { } winner })
            {
                return await Existing(http, store, tenants, clock, tenant, winner, ct);
            }

            throw;
        }

        services.GetRequiredService<TenantStats>().Changed(tenant, null, @case);
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.Headers.Location = $"/api/cases/{id}";
        return Results.Text(JsonSerializer.Serialize(new CaseResource(id, @case, decision.Next), json), "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static async Task<IResult> Existing(HttpContext http, ICaseStore store, TenantDirectory tenants, IClock clock, string tenant, string id, CancellationToken ct)
    {
        http.Response.Headers.Location = $"/api/cases/{id}";
        var stored = await store.GetAsync(tenant, id, ct);
        if (stored is null)
        {
            return Results.Ok(new { id });
        }

        var engine = tenants.For(tenant).Engine;
        var @case = CaseApi.Load(stored);
        var decision = engine.Decide(@case, engine.Today(@case, clock));
        return decision.IsValid ? Results.Ok(new CaseResource(id, @case, decision.Next)) : Results.Ok(new { id });
    }

    private static IResult Ignored(string reason) =>
        Results.Json(new { status = "ignored", reason }, statusCode: StatusCodes.Status202Accepted);

    private static IResult Unauthorized(string detail) => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "The delivery's signature could not be verified",
        detail: detail);

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.ToString() : null;

    // Reads at most max bytes; null when the body is larger (without reading all of it).
    private static async Task<byte[]?> ReadCapped(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake for tenant {Tenant} from {Source}: {Outcome} ({Reason})")]
    private static partial void Received(ILogger logger, string tenant, IntakeSource source, IntakeOutcome outcome, string reason);
}
