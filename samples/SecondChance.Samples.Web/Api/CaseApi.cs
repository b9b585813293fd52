using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Planning;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The HTTP API. It parses requests, stores cases and presents what the library decides; every
/// playbook decision (validation, next action, plan) comes from the tenant's <see cref="PlaybookEngine"/>.
/// </summary>
public static class CaseApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Cases");

        api.MapPost("/cases", CreateCase)
            .WithName("CreateCase")
            .WithSummary("Store a new case")
            .WithDescription("Takes a case document, validates it as of today in the case's time zone, stores it, and answers with its id and next action.")
            .Accepts<RunnerUpCase>("application/json")
            .Produces<CaseResource>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/cases/{id}", GetCase)
            .WithName("GetCase")
            .WithSummary("Read a case with its next action as of today")
            .Produces<CaseResource>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/cases/{id}/events", RecordEvent)
            .WithName("RecordEvent")
            .WithSummary("Record one event in a case's history")
            .WithDescription("Appends one event and answers with the new state. An Idempotency-Key header makes a retry safe: the same key and body record the event once and get the same answer.")
            .Accepts<CaseEvent>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any unique string (1 to 200 characters) per event, such as a UUID. A retry with the same key and body records the event once and gets the first answer.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxIdempotencyKeyLength },
                });
                return Task.CompletedTask;
            })
            .Produces<CaseResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/cases/{id}/next", GetNext)
            .WithName("GetNextAction")
            .WithSummary("The next action, as of today or the given date")
            .Produces<NextAction>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/cases/{id}/plan", GetPlan)
            .WithName("GetPlan")
            .WithSummary("All ten playbook steps, as of today or the given date")
            .Produces<CasePlan>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/agenda", GetAgenda)
            .WithName("GetAgenda")
            .WithSummary("Open cases whose next action is due on or before a day, earliest first")
            .Produces<AgendaItem[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return routes;
    }

    private static async Task<IResult> CreateCase(HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var parsed = SecondChanceJson.ParseCase(await ReadBody(http.Request, ct));
        if (!parsed.Succeeded)
        {
            return Invalid(parsed.Errors);
        }

        var tenant = http.Tenant();
        var rules = tenants.For(tenant);
        var @case = parsed.Case!;
        var decision = rules.Engine.Decide(@case, rules.Engine.Today(@case, clock));
        if (!decision.IsValid)
        {
            return Invalid(decision.Errors);
        }

        var id = NewId();
        await store.CreateAsync(tenant, id, ToRow(@case, decision.DueOn, rules.Fingerprint), ct);
        var body = JsonSerializer.Serialize(new CaseResource(id, @case, decision.Next), json.Value.SerializerOptions);
        http.Response.Headers.Location = $"/api/cases/{id}";
        return Results.Text(body, "application/json", Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCase(string id, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        var stored = await store.GetAsync(http.Tenant(), id, ct);
        if (stored is null)
        {
            return CaseNotFound(id);
        }

        var engine = tenants.For(http.Tenant()).Engine;
        var @case = Load(stored);
        var decision = engine.Decide(@case, engine.Today(@case, clock));
        return decision.IsValid ? Results.Ok(new CaseResource(id, @case, decision.Next)) : Invalid(decision.Errors);
    }

    private static async Task<IResult> RecordEvent(string id, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (http.Request.Headers.ContainsKey(IdempotencyKeyHeader)
            && (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(char.IsControl)))
        {
            return Invalid([new CaseError(IdempotencyKeyHeader, $"must be 1 to {MaxIdempotencyKeyLength} printable characters")]);
        }

        var text = await ReadBody(http.Request, ct);
        var eventErrors = SecondChanceJson.ParseEvent(text, out var @event);
        if (eventErrors.Count > 0 || @event is null)
        {
            return Invalid(eventErrors);
        }

        var tenant = http.Tenant();
        var rules = tenants.For(tenant);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var result = await store.AppendAsync(tenant, id, key.Length > 0 ? key : null, hash, current =>
        {
            var updated = Load(current).With(@event);
            var decision = rules.Engine.Decide(updated, rules.Engine.Today(updated, clock));
            if (!decision.IsValid)
            {
                return AppendStep.Reject(decision.Errors);
            }

            var body = JsonSerializer.Serialize(new CaseResource(id, updated, decision.Next), json.Value.SerializerOptions);
            return AppendStep.Write(ToRow(updated, decision.DueOn, rules.Fingerprint), body);
        }, ct);

        switch (result.Outcome)
        {
            case AppendOutcome.Recorded:
                return Results.Text(result.ResponseBody, "application/json", Encoding.UTF8);
            case AppendOutcome.Replayed:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(result.ResponseBody, "application/json", Encoding.UTF8);
            case AppendOutcome.NotFound:
                return CaseNotFound(id);
            case AppendOutcome.Rejected:
                return Invalid(result.Errors ?? []);
            case AppendOutcome.KeyReused:
                return Results.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency key already used",
                    detail: $"The {IdempotencyKeyHeader} '{key}' was used for a different request on this case. Use a new key for a new event.");
            default:
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The case changed while this event was being recorded",
                    detail: "Nothing was recorded. Read the case again and retry.");
        }
    }

    private static async Task<IResult> GetNext(string id, string? today, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        var (error, engine, @case, date) = await LoadForDecision(id, today, http, store, tenants, clock, ct);
        if (error is not null)
        {
            return error;
        }

        var decision = engine!.Decide(@case!, date);
        return decision.IsValid ? Results.Ok(decision.Next) : Invalid(decision.Errors);
    }

    private static async Task<IResult> GetPlan(string id, string? today, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        var (error, engine, @case, date) = await LoadForDecision(id, today, http, store, tenants, clock, ct);
        if (error is not null)
        {
            return error;
        }

        var plan = engine!.Plan(@case!, date);
        return plan.IsValid ? Results.Ok(plan) : Invalid(plan.Errors);
    }

    // What "next" and "plan" share: the optional today parameter, the tenant's case (404 if it is not
    // theirs), the tenant's engine, and today in the case's time zone when no date was given.
    private static async Task<(IResult? Error, PlaybookEngine? Engine, RunnerUpCase? Case, LocalDate Today)> LoadForDecision(
        string id, string? today, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        if (!TryParseDate(today, "today", out var date, out var dateError))
        {
            return (dateError, null, null, default);
        }

        var stored = await store.GetAsync(http.Tenant(), id, ct);
        if (stored is null)
        {
            return (CaseNotFound(id), null, null, default);
        }

        var engine = tenants.For(http.Tenant()).Engine;
        var @case = Load(stored);
        return (null, engine, @case, date ?? engine.Today(@case, clock));
    }

    private static IResult GetAgenda(string? on, HttpContext http, CaseStore store, TenantDirectory tenants, IClock clock, CancellationToken ct)
    {
        if (!TryParseDate(on, "on", out var date, out var dateError))
        {
            return dateError;
        }

        var tenant = http.Tenant();
        var day = date ?? clock.GetCurrentInstant().InUtc().Date;
        return Results.Ok(Agenda(store, tenant, tenants.For(tenant).Engine, day, ct));
    }

    private static async IAsyncEnumerable<AgendaItem> Agenda(CaseStore store, string tenant, PlaybookEngine engine, LocalDate day, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var stored in store.DueOnOrBeforeAsync(tenant, LocalDatePattern.Iso.Format(day), ct))
        {
            var @case = Load(stored);

            // The sweep looks at the action as of that day; a case whose history runs past it is seen as of its last event.
            var lastEvent = @case.Events[^1].On;
            var decision = engine.Decide(@case, LocalDate.Max(day, lastEvent));
            if (decision.IsValid)
            {
                yield return new AgendaItem(stored.Id, @case.Candidate, @case.Company, decision.Next);
            }
        }
    }

    internal static CaseRow ToRow(RunnerUpCase @case, LocalDate? dueOn, string fingerprint) => new(
        SecondChanceJson.Serialize(@case),
        @case.Candidate,
        @case.Company,
        dueOn is { } due ? LocalDatePattern.Iso.Format(due) : null,
        fingerprint);

    /// <summary>Builds the derived columns for a stored document with the given engine; used when a tenant's rules change.</summary>
    internal static CaseRow? Derive(string document, PlaybookEngine engine, string fingerprint)
    {
        var parsed = SecondChanceJson.ParseCase(document);
        if (!parsed.Succeeded)
        {
            return null;
        }

        // The stored due date depends only on the history, so any valid history gets one, whatever today is.
        var @case = parsed.Case!;
        return engine.Validate(@case, LocalDate.MaxIsoValue).Count == 0 ? ToRow(@case, engine.NextDue(@case), fingerprint) : null;
    }

    internal static RunnerUpCase Load(StoredCase stored)
    {
        var parsed = SecondChanceJson.ParseCase(stored.Document);
        return parsed.Case ?? throw new InvalidOperationException(
            $"Stored case '{stored.Id}' cannot be read: " + string.Join("; ", parsed.Errors));
    }

    internal static async Task<string> ReadBody(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    internal static bool TryParseDate(string? text, string name, out LocalDate? date, out IResult error)
    {
        date = null;
        error = Results.Empty;
        if (text is null)
        {
            return true;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        if (result.Success)
        {
            date = result.Value;
            return true;
        }

        error = Invalid([new CaseError(name, $"'{(text.Length > 40 ? text[..40] + "..." : text)}' is not a date; use YYYY-MM-DD")]);
        return false;
    }

    internal static IResult Invalid(IEnumerable<CaseError> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
        title: "The request is not valid",
        detail: "Nothing was stored or changed. Each entry of 'errors' names a field path and what is wrong with it.");

    internal static IResult CaseNotFound(string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Case not found",
        detail: $"There is no case '{(id.Length > 64 ? id[..64] + "..." : id)}'.");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
}
