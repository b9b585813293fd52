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
using SecondChance.Samples.Web.Integrations;
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
    public const string IdempotentReplayedHeader = "Idempotent-Replayed";
    private const int MaxIdempotencyKeyLength = 200;
    private const int DefaultAgendaLimit = 100;
    private const int MaxAgendaLimit = 1000;

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Cases");

        api.MapPost("/cases", CreateCase)
            .WithName("CreateCase")
            .WithSummary("Store a new case")
            .WithDescription("Takes a case document, validates it as of today in the case's time zone, stores it, and answers with its id and next action.")
            .Accepts<RunnerUpCase>("application/json")
            .RequireJsonBody()
            .Produces<CaseResource>(StatusCodes.Status201Created)
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new case's address, /api/cases/{id}.", "/api/cases/3f9c0a5e21b74d8c9a10")
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
            .WithDescription("Appends one event and answers with the new state: the whole case and its next action, or, with 'Prefer: return=minimal', just the event, its position and the next action (a short answer whatever the case's history). An Idempotency-Key header makes a retry safe: the same key and body record the event once and get the same answer.")
            .Accepts<CaseEvent>("application/json")
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
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
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = ReturnPreference.PreferHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "RFC 7240 preferences. 'return=minimal' answers with a RecordedEvent (the event, its position and the next action) instead of the whole case; any other preference is ignored.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create(ReturnPreference.Minimal)] },
                });

                // The 200 answer is the whole case or, when asked for, the short form.
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true && media.Schema is { } whole)
                {
                    IOpenApiSchema recorded = await context.GetOrCreateSchemaAsync(typeof(RecordedEvent), null, ct);
                    if (context.Document is { } document)
                    {
                        // A named component, so a client generator names the short form's type.
                        document.AddComponent(nameof(RecordedEvent), recorded);
                        recorded = new OpenApiSchemaReference(nameof(RecordedEvent), document);
                    }

                    media.Schema = new OpenApiSchema { OneOf = [whole, recorded] };
                }
            })
            .RequireJsonBody()
            .Produces<CaseResource>()
            .WithResponseHeader(StatusCodes.Status200OK, IdempotentReplayedHeader, "\"true\" when this is the stored first answer to an Idempotency-Key seen before; absent otherwise.", "true")
            .WithResponseHeader(StatusCodes.Status200OK, ReturnPreference.AppliedHeader, "\"return=minimal\" when the answer is the short form the request preferred; absent otherwise.", ReturnPreference.Minimal)
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
            .WithSummary("Open cases whose next action is due on or before a day, earliest first, one page at a time")
            .WithDescription("Without 'on', a case is due once its due date has come in the case's own time zone. Pages hold up to 'limit' cases (100 by default, at most 1,000); when more follow, the Link header (rel=\"next\") gives the next page's address with its opaque cursor.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    (parameter.Description, parameter.Schema) = parameter.Name switch
                    {
                        "on" => ("The day to list for, YYYY-MM-DD; without it, today in each case's time zone.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" }),
                        "limit" => ("Most cases per page, 1 to 1,000; 100 by default.", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = MaxAgendaLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = System.Text.Json.Nodes.JsonValue.Create(DefaultAgendaLimit) }),
                        "cursor" => ("Where the page starts: the cursor from the previous page's Link header. Leave it out for the first page.", new OpenApiSchema { Type = JsonSchemaType.String }),
                        _ => (parameter.Description, parameter.Schema),
                    };
                }

                return Task.CompletedTask;
            })
            .Produces<AgendaItem[]>()
            .WithResponseHeader(StatusCodes.Status200OK, "Link", "<...>; rel=\"next\": the next page's address, when more cases follow.", "</api/agenda?limit=100&cursor=MjAyNi0wOC0wNgo3YzFh>; rel=\"next\"")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return routes;
    }

    private static async Task<IResult> CreateCase(HttpContext http, ICaseStore store, TenantDirectory tenants, TenantStats stats, IClock clock, IOptions<JsonOptions> json, ReminderOutboxWriter reminders, CancellationToken ct)
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
        var document = SerializeDocument(@case, json.Value.SerializerOptions);
        await store.CreateAsync(tenant, id, reminders.With(ToRow(@case, document, decision.DueOn, rules.Fingerprint), tenant, id, decision), ct);
        stats.Changed(tenant, null, @case);
        var body = Answer(id, document, decision.Next, json.Value.SerializerOptions);
        http.Response.Headers.Location = $"/api/cases/{id}";
        return new JsonBytes(body, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetCase(string id, HttpContext http, ICaseStore store, TenantDirectory tenants, CaseCache cases, IClock clock, CancellationToken ct)
    {
        if (await cases.ReadAsync(store, http.Tenant(), id, ct) is not { } @case)
        {
            return CaseNotFound(id);
        }

        var engine = tenants.For(http.Tenant()).Engine;
        var decision = engine.Decide(@case, engine.Today(@case, clock));
        return decision.IsValid ? Results.Ok(new CaseResource(id, @case, decision.Next)) : Invalid(decision.Errors);
    }

    private static async Task<IResult> RecordEvent(string id, HttpContext http, ICaseStore store, TenantDirectory tenants, TenantStats stats, CaseCache cases, IClock clock, IOptions<JsonOptions> json, ReminderOutboxWriter reminders, CancellationToken ct)
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
        var minimal = ReturnPreference.IsMinimal(http.Request.Headers[ReturnPreference.PreferHeader]);

        // The hash is of the event as parsed and written back, so a retry that only differs in whitespace
        // or property order is the same request.
        var hash = IdempotencyKeys.Hash(JsonSerializer.SerializeToUtf8Bytes(@event, SecondChanceJson.Options));
        RunnerUpCase? before = null, after = null;
        var written = (Version: 0L, Length: 0);
        var held = cases.Held(tenant, id);
        var result = await store.AppendAsync(new AppendRequest(tenant, id, key.Length > 0 ? key : null, hash, held?.Version ?? 0), current =>
        {
            // No document: the store found the version held here, whose parsed case this is (even if the cache let it go since).
            before = current.Document is null ? held!.Case : cases.Load(tenant, new StoredCase(id, current.Document, current.Version));
            var updated = before.With(@event);
            var today = rules.Engine.Today(updated, clock);
            var decision = rules.Engine.Decide(updated, today);
            if (!decision.IsValid)
            {
                return AppendStep.Reject(decision.Errors);
            }

            after = updated;
            var document = SerializeDocument(updated, json.Value.SerializerOptions);
            var body = EventAnswer(minimal, id, updated, decision.Next, json.Value.SerializerOptions, document);
            written = (current.Version + 1, document.Length);
            return AppendStep.Write(reminders.With(ToRow(updated, document, decision.DueOn, rules.Fingerprint), tenant, id, decision), body, new IdempotencyRecord(StatusCodes.Status200OK, updated.Events.Count, today));
        }, ct);

        switch (result.Outcome)
        {
            case AppendOutcome.Recorded:
                stats.Changed(tenant, before, after!);
                cases.Remember(tenant, id, written.Version, written.Length, after!); // every write is over the version read, so this is the new one
                AppliedMinimal(http, minimal);
                return new JsonBytes(result.ResponseBody!);
            case AppendOutcome.Replayed:
                return await Replay(id, result.Replay!, minimal, http, store, cases, rules.Engine, json.Value.SerializerOptions, ct);
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

    // The first answer again, byte for byte: the case as it was then (events are only appended, so it is
    // the first EventCount events of the case now) with the next action as of the day it was decided. The
    // retry's own Prefer header chooses the form (a preference never changes what is recorded), so a retry
    // that asks for the short answer gets the short answer to the first request.
    private static async Task<IResult> Replay(string id, IdempotencyRecord first, bool minimal, HttpContext http, ICaseStore store, CaseCache cases, PlaybookEngine engine, JsonSerializerOptions json, CancellationToken ct)
    {
        if (await cases.ReadAsync(store, http.Tenant(), id, ct) is not { } now)
        {
            return CaseNotFound(id);
        }

        var then = now.Events.Count > first.EventCount ? now with { Events = now.Events.Take(first.EventCount).ToArray() } : now;
        var decision = engine.Decide(then, first.DecidedOn);
        http.Response.Headers[IdempotentReplayedHeader] = "true";
        AppliedMinimal(http, minimal);
        return new JsonBytes(EventAnswer(minimal, id, then, decision.Next, json), first.Status);
    }

    // The answer to a recorded event (the case's last) in the form the request preferred: the short
    // RecordedEvent, or the whole case, whose document is serialized here unless the caller has it.
    private static byte[] EventAnswer(bool minimal, string id, RunnerUpCase @case, NextAction next, JsonSerializerOptions json, byte[]? document = null) =>
        minimal
            ? MinimalAnswer(new RecordedEvent(id, @case.Events.Count, @case.Events[^1], next), json)
            : Answer(id, document ?? SerializeDocument(@case, json), next, json);

    private static void AppliedMinimal(HttpContext http, bool minimal)
    {
        if (minimal)
        {
            http.Response.Headers[ReturnPreference.AppliedHeader] = ReturnPreference.Minimal;
        }
    }

    // Most reads of a case find it cached and still the stored version (nothing was committed since it was
    // checked): that answer is made without awaiting anything.
    private static ValueTask<IResult> GetNext(string id, string? today, HttpContext http, ICaseStore store, TenantDirectory tenants, CaseCache cases, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var loading = LoadForDecision(id, today, http, store, tenants, cases, clock, ct);
        return loading.IsCompletedSuccessfully ? new(NextAnswer(loading.Result, json.Value.SerializerOptions)) : new(Awaited());

        async Task<IResult> Awaited() => NextAnswer(await loading, json.Value.SerializerOptions);
    }

    // The answer depends only on the stored case, the day and the rules: a case read again the same day is not decided again.
    private static IResult NextAnswer((IResult? Error, PlaybookEngine? Engine, CaseCache.CachedCase? Case, LocalDate Today) loaded, JsonSerializerOptions json)
    {
        if (loaded.Error is not null)
        {
            return loaded.Error;
        }

        var (engine, cached, date) = (loaded.Engine!, loaded.Case!, loaded.Today);
        return CaseCache.Next(cached, engine, date, json, out var errors) is { } body ? new JsonBytes(body) : Invalid(errors);
    }

    private static async Task<IResult> GetPlan(string id, string? today, HttpContext http, ICaseStore store, TenantDirectory tenants, CaseCache cases, IClock clock, CancellationToken ct)
    {
        var (error, engine, cached, date) = await LoadForDecision(id, today, http, store, tenants, cases, clock, ct);
        if (error is not null)
        {
            return error;
        }

        var plan = engine!.Plan(cached!.Case, date);
        return plan.IsValid ? Results.Ok(plan) : Invalid(plan.Errors);
    }

    // What "next" and "plan" share: the optional today parameter, the tenant's case (404 if it is not
    // theirs), the tenant's engine, and today in the case's time zone when no date was given.
    // Completes at once when the case is cached and nothing was committed since it was checked.
    private static ValueTask<(IResult? Error, PlaybookEngine? Engine, CaseCache.CachedCase? Case, LocalDate Today)> LoadForDecision(
        string id, string? today, HttpContext http, ICaseStore store, TenantDirectory tenants, CaseCache cases, IClock clock, CancellationToken ct)
    {
        if (!TryParseDate(today, "today", out var date, out var dateError))
        {
            return new((dateError, null, null, default));
        }

        var tenant = http.Tenant();
        var reading = cases.ReadCachedAsync(store, tenant, id, ct);
        return reading.IsCompletedSuccessfully ? new(Loaded(reading.Result)) : new(Awaited());

        async Task<(IResult?, PlaybookEngine?, CaseCache.CachedCase?, LocalDate)> Awaited() => Loaded(await reading);

        (IResult?, PlaybookEngine?, CaseCache.CachedCase?, LocalDate) Loaded(CaseCache.CachedCase? cached)
        {
            if (cached is null)
            {
                return (CaseNotFound(id), null, null, default);
            }

            var engine = tenants.For(tenant).Engine;
            return (null, engine, cached, date ?? engine.Today(cached.Case, clock));
        }
    }

    private static async Task<IResult> GetAgenda(string? on, string? limit, string? cursor, HttpContext http, ICaseStore store, TenantDirectory tenants, AgendaCache cache, IClock clock, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!TryParseDate(on, "on", out var date, out var dateError))
        {
            return dateError;
        }

        var errors = new List<CaseError>();
        var size = DefaultAgendaLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxAgendaLimit))
        {
            errors.Add(new CaseError("limit", $"must be a whole number from 1 to {MaxAgendaLimit}"));
        }

        var after = cursor is null ? null : AgendaPosition.FromCursor(cursor);
        if (cursor is not null && after is null)
        {
            errors.Add(new CaseError("cursor", "is not a cursor from this agenda; use the one from the previous page's Link header, or leave it out for the first page"));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var tenant = http.Tenant();
        var engine = tenants.For(tenant).Engine;
        var now = clock.GetCurrentInstant();
        var pageKey = new AgendaPageKey(tenant, on, cursor, size, date is null ? now.ToUnixTimeSeconds() / 900 : 0);
        var tenantVersion = await store.TenantVersionAsync(tenant, ct);
        var page = cache.Page(pageKey, tenantVersion) ?? await AgendaPage(store, tenant, engine, cache, date, now, after, size, on, tenantVersion, json.Value.SerializerOptions, ct);
        cache.Store(pageKey, page);
        if (page.NextLink is not null)
        {
            http.Response.Headers.Link = page.NextLink;
        }

        return new JsonBytes(page.Body, contentType: "application/json");
    }

    private static async Task<AgendaPage> AgendaPage(
        ICaseStore store, string tenant, PlaybookEngine engine, AgendaCache cache, LocalDate? date, Instant now, AgendaPosition? after, int size, string? on, long tenantVersion, JsonSerializerOptions json, CancellationToken ct)
    {

        // Without a day, "today" is each case's own: a case is due once its due date has come where the
        // candidate lives. No zone is more than a day ahead of UTC, so nothing later is read.
        var upTo = date ?? now.InUtc().Date.PlusDays(1);
        var lines = new List<byte[]>(Math.Min(size, 256));
        AgendaPosition? last = null;
        var more = false;
        while (!more)
        {
            var rows = await store.DueAsync(tenant, LocalDatePattern.Iso.Format(upTo), after, size + 1, ct);
            foreach (var row in rows)
            {
                after = row.Position;
                var day = date ?? now.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(row.TimeZone) ?? DateTimeZone.Utc).Date;
                if (string.CompareOrdinal(row.NextDue, LocalDatePattern.Iso.Format(day)) > 0)
                {
                    continue;
                }

                var line = cache.Line(tenant, row.Case.Id, row.Case.Version, day, () => AgendaLine(row.Case, engine, day, json));
                if (line is null)
                {
                    continue;
                }

                if (lines.Count == size)
                {
                    more = true;
                    break;
                }

                lines.Add(line);
                last = row.Position;
            }

            if (rows.Count <= size)
            {
                break;
            }
        }

        string? next = null;
        if (more)
        {
            var query = new Dictionary<string, string?> { ["limit"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture), ["cursor"] = last!.ToCursor() };
            if (on is not null)
            {
                query["on"] = on;
            }

            next = $"<{Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/agenda", query)}>; rel=\"next\"";
        }

        return new AgendaPage(tenantVersion, JoinArray(lines), next);
    }

    // One agenda line as JSON, as of the day (or the case's last event, when its history runs past that day).
    private static byte[]? AgendaLine(StoredCase stored, PlaybookEngine engine, LocalDate day, JsonSerializerOptions json)
    {
        var @case = Load(stored);
        var decision = engine.Decide(@case, LocalDate.Max(day, @case.Events[^1].On));
        return decision.IsValid
            ? JsonSerializer.SerializeToUtf8Bytes(new AgendaItem(stored.Id, @case.Candidate, @case.Company, decision.Next), json)
            : null;
    }

    private static byte[] JoinArray(List<byte[]> items)
    {
        var buffer = new byte[2 + items.Sum(i => i.Length + 1)];
        var at = 0;
        buffer[at++] = (byte)'[';
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                buffer[at++] = (byte)',';
            }

            items[i].CopyTo(buffer, at);
            at += items[i].Length;
        }

        buffer[at++] = (byte)']';
        return buffer[..at];
    }

    internal static CaseRow ToRow(RunnerUpCase @case, LocalDate? dueOn, string fingerprint) => ToRow(@case, SerializeDocument(@case, SecondChanceJson.Options), dueOn, fingerprint);

    private static CaseRow ToRow(RunnerUpCase @case, byte[] document, LocalDate? dueOn, string fingerprint) => new(
        document,
        @case.Candidate,
        @case.Company,
        dueOn is { } due ? LocalDatePattern.Iso.Format(due) : null,
        fingerprint,
        @case.TimeZone);

    /// <summary>
    /// Builds the derived columns for a stored case with the given engine, carrying the reminder its decision
    /// makes due-able today; used at start when a tenant's rules change (or were never recorded for the case).
    /// </summary>
    internal static CaseRow? Derive(string tenant, string id, string document, PlaybookEngine engine, string fingerprint, ReminderOutboxWriter reminders, IClock clock)
    {
        var parsed = SecondChanceJson.ParseCase(document);
        if (!parsed.Succeeded)
        {
            return null;
        }

        // The stored due date depends only on the history, so any valid history gets one, whatever today is.
        var @case = parsed.Case!;
        if (engine.Validate(@case, CaseLimits.LatestDate).Count != 0)
        {
            return null;
        }

        var row = ToRow(@case, engine.NextDue(@case), fingerprint);
        var decision = engine.Decide(@case, engine.Today(@case, clock));

        // A history dated after today (a clock set back) has no decision yet: its outbox rows are left as they are.
        return decision.IsValid ? reminders.With(row, tenant, id, decision) : row;
    }

    // The stored document, written with the host's options (their encoder) so that it is byte for byte the
    // "case" of an answer and the answer can be put together around it.
    private static byte[] SerializeDocument(RunnerUpCase @case, JsonSerializerOptions json) => JsonSerializer.SerializeToUtf8Bytes(@case, json);

    /// <summary>
    /// The answer to a write, <c>{"id":...,"case":...,"next":...}</c>, around the case document already
    /// serialized for storage: the same bytes as serializing a <see cref="CaseResource"/>, with the
    /// case written once.
    /// </summary>
    internal static byte[] Answer(string id, ReadOnlySpan<byte> document, NextAction next, JsonSerializerOptions json)
    {
        var buffer = AnswerBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented }))
            {
                writer.WriteStartObject();
                writer.WriteString(json.PropertyNamingPolicy?.ConvertName(nameof(CaseResource.Id)) ?? nameof(CaseResource.Id), id);
                writer.WritePropertyName(json.PropertyNamingPolicy?.ConvertName(nameof(CaseResource.Case)) ?? nameof(CaseResource.Case));
                writer.WriteRawValue(document, skipInputValidation: true);
                writer.WritePropertyName(json.PropertyNamingPolicy?.ConvertName(nameof(CaseResource.Next)) ?? nameof(CaseResource.Next));
                JsonSerializer.Serialize(writer, next, json);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            LetGoOfLargeBuffer(buffer);
        }
    }

    /// <summary>The short answer to a write (<c>Prefer: return=minimal</c>), written in the same kept buffer as <see cref="Answer"/>.</summary>
    internal static byte[] MinimalAnswer(RecordedEvent recorded, JsonSerializerOptions json)
    {
        var buffer = AnswerBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented }))
            {
                JsonSerializer.Serialize(writer, recorded, json);
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            LetGoOfLargeBuffer(buffer);
        }
    }

    // Each thread writes its answers into its own buffer, kept from one answer to the next (a new one per
    // answer grew by doubling, a fifth of all a write allocated), and copies out just their bytes.
    private static System.Buffers.ArrayBufferWriter<byte> AnswerBuffer()
    {
        var buffer = t_answerBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static void LetGoOfLargeBuffer(System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > MaxKeptAnswerBuffer)
        {
            t_answerBuffer = null; // one very large case does not keep its buffer on the thread
        }
    }

    private const int MaxKeptAnswerBuffer = 256 * 1024;

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_answerBuffer;

    internal static RunnerUpCase Load(StoredCase stored)
    {
        var parsed = SecondChanceJson.ParseCase(stored.Document);
        return parsed.Case ?? throw new InvalidOperationException(
            $"Stored case '{stored.Id}' cannot be read: " + string.Join("; ", parsed.Errors));
    }

    // Straight from the request's pipe, without a stream reader's buffers; a UTF-8 byte order mark is dropped
    // and invalid bytes become U+FFFD, as a stream reader does.
    internal static async Task<string> ReadBody(HttpRequest request, CancellationToken ct)
    {
        var pipe = request.BodyReader;
        while (true)
        {
            var read = await pipe.ReadAsync(ct);
            if (read.IsCanceled)
            {
                throw new OperationCanceledException("Reading the request body was canceled.");
            }

            if (read.IsCompleted)
            {
                var text = Encoding.UTF8.GetString(read.Buffer);
                pipe.AdvanceTo(read.Buffer.End);
                return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
            }

            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
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

    internal static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
}
