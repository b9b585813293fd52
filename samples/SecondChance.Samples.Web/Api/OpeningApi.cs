using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Openings;
using SecondChance.Samples.Web.Integrations;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The opening watch: a board posts the openings it sees, and every open case of the tenant that one
/// matches (the same role posted again, or a similar one at the company) records an <c>OpeningSeen</c>
/// event and gets following up as its next action. Matching is the library's <see cref="OpeningIndex"/>.
/// </summary>
public static class OpeningApi
{
    /// <summary>The most openings one request may carry.</summary>
    public const int MaxOpeningsPerRequest = 500;

    public static IEndpointRouteBuilder MapOpeningApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api").WithTags("Openings")
            .MapPost("/openings", PostOpenings)
            .WithName("PostOpenings")
            .WithSummary("Record job openings on the tenant's matching open cases")
            .WithDescription("Takes one opening or an array (company, title, postedOn, optional level, url, location, id). Every open case of this tenant the opening matches records an OpeningSeen event, once per opening id or url; the answer lists the affected cases with the match, its reasons and the new next action. Nothing is recorded when any opening is invalid.")
            .Accepts<JobOpening>("application/json")
            .RequireJsonBody()
            .Produces<OpeningsResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<IResult> PostOpenings(HttpContext http, ICaseStore store, TenantDirectory tenants, TenantStats stats, IClock clock, ReminderOutboxWriter reminders, CancellationToken ct)
    {
        var text = await CaseApi.ReadBody(http.Request, ct);
        var today = clock.GetCurrentInstant().InUtc().Date;
        var (openings, errors) = Parse(text, today);
        if (errors.Count > 0)
        {
            return CaseApi.Invalid(errors);
        }

        var tenant = http.Tenant();
        var rules = tenants.For(tenant);
        var engine = rules.Engine;
        var ids = new List<string>();
        var cases = new List<RunnerUpCase>();
        await foreach (var stored in store.AllAsync(tenant, ct))
        {
            if (SecondChanceJson.ParseCase(stored.Document).Case is { } @case && OpeningIndex.IsOpen(@case))
            {
                ids.Add(stored.Id);
                cases.Add(@case);
            }
        }

        var index = new OpeningIndex(cases);
        var affected = new List<AffectedCase>();
        var conflicts = new List<string>();
        foreach (var opening in openings.OrderBy(o => o.PostedOn))
        {
            foreach (var candidate in index.Match(opening, includeRecorded: true))
            {
                var id = ids[candidate.Index];
                var outcome = await Record(store, stats, reminders, tenant, id, rules, clock, candidate, ct);
                if (outcome is { } result)
                {
                    affected.Add(result);
                }
                else
                {
                    conflicts.Add(id);
                }
            }
        }

        return Results.Ok(new OpeningsResult(openings.Count, affected, conflicts));
    }

    /// <summary>
    /// Appends the opening to the stored case (read again, so a write since the index was built is kept), keyed
    /// by the opening's id or url so a repeated request records it once; <see langword="null"/> when the case
    /// changed underneath or can no longer take it.
    /// </summary>
    private static async Task<AffectedCase?> Record(ICaseStore store, TenantStats stats, ReminderOutboxWriter reminders, string tenant, string id, TenantEngine rules, IClock clock, OpeningCandidate candidate, CancellationToken ct)
    {
        var engine = rules.Engine;
        var opening = candidate.Opening;
        var key = opening.Key is { } k ? "opening:" + k : null;
        var hash = IdempotencyKeys.Hash(JsonSerializer.SerializeToUtf8Bytes<CaseEvent>(candidate.Event, SecondChanceJson.Options));
        if (candidate.AlreadyRecorded)
        {
            // Recorded by an earlier request without a key (no id, no url) or under another spelling: answer with the case as it is.
            var stored = await store.GetAsync(tenant, id, ct);
            return stored is null ? null : Affected(id, CaseApi.Load(stored), engine, clock, candidate, replayed: true);
        }

        AffectedCase? affected = null;
        RunnerUpCase? before = null, after = null;
        var result = await store.AppendAsync(new AppendRequest(tenant, id, key, hash), current =>
        {
            before = CaseApi.Load(new StoredCase(id, current.Document!, current.Version)); // no version was held, so the document was read
            var updated = before.With(candidate.Event);
            var today = engine.Today(updated, clock);
            var decision = engine.Decide(updated, today);
            if (!decision.IsValid)
            {
                return AppendStep.Reject(decision.Errors);
            }

            after = updated;
            affected = Affected(id, updated, decision, candidate, replayed: false);
            // The answer lists every affected case, so it is built after the writes, not kept per write.
            return AppendStep.Write(reminders.With(CaseApi.ToRow(updated, decision.DueOn, rules.Fingerprint), tenant, id, decision), new IdempotencyRecord(StatusCodes.Status200OK, updated.Events.Count, today));
        }, ct);

        switch (result.Outcome)
        {
            case AppendOutcome.Recorded:
                stats.Changed(tenant, before, after!);
                return affected;
            case AppendOutcome.Replayed or AppendOutcome.KeyReused:
                // Recorded by an earlier request with this opening's id or url: answer with the case as it is now.
                var stored = await store.GetAsync(tenant, id, ct);
                return stored is null ? null : Affected(id, CaseApi.Load(stored), engine, clock, candidate, replayed: true);
            default:
                return null;
        }
    }

    private static AffectedCase Affected(string id, RunnerUpCase @case, PlaybookEngine engine, IClock clock, OpeningCandidate candidate, bool replayed) =>
        Affected(id, @case, engine.Decide(@case, engine.Today(@case, clock)), candidate, replayed);

    private static AffectedCase Affected(string id, RunnerUpCase @case, Decision decision, OpeningCandidate candidate, bool replayed) => new(
        id,
        @case.Candidate,
        @case.Company,
        @case.Role,
        new OpeningSummary(candidate.Opening.Title, candidate.Opening.PostedOn, candidate.Opening.Url, candidate.Opening.Id),
        candidate.Result.Match!.Value,
        candidate.Result.Score,
        candidate.Result.Reasons,
        decision.IsValid ? decision.Next : null,
        replayed);

    /// <summary>Reads one opening or an array of them; errors are named by field (<c>title</c>) or by item and field (<c>[2].title</c>).</summary>
    internal static (List<JobOpening> Openings, List<CaseError> Errors) Parse(string text, LocalDate today)
    {
        var openings = new List<JobOpening>();
        var errors = new List<CaseError>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            errors.Add(new CaseError("$", $"is not valid JSON (line {(ex.LineNumber ?? 0) + 1})"));
            return (openings, errors);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            if (items.Length == 0 || items.Length > MaxOpeningsPerRequest)
            {
                errors.Add(new CaseError("$", $"must be one opening or an array of 1 to {MaxOpeningsPerRequest} openings"));
                return (openings, errors);
            }

            for (var i = 0; i < items.Length; i++)
            {
                var prefix = root.ValueKind == JsonValueKind.Array ? $"[{i}]" : string.Empty;
                var problems = SecondChanceJson.ParseOpening(items[i], out var opening);
                if (opening is not null)
                {
                    problems = opening.Validate(today);
                }

                errors.AddRange(problems.Select(p => p with { Field = Join(prefix, p.Field) }));
                if (problems.Count == 0 && opening is not null)
                {
                    openings.Add(opening);
                }
            }
        }

        return (openings, errors);
    }

    private static string Join(string prefix, string field) =>
        prefix.Length == 0 ? field : field == "$" ? prefix : $"{prefix}.{field}";
}

/// <summary>The answer to <c>POST /api/openings</c>: how many openings were read, the cases they affected, and the ids of cases that changed underneath and were left alone (post again).</summary>
public sealed record OpeningsResult(int Openings, IReadOnlyList<AffectedCase> Affected, IReadOnlyList<string> Conflicts);

/// <summary>A case an opening matched: which opening, the match and its reasons, and the case's next action now.</summary>
public sealed record AffectedCase(
    string CaseId,
    string Candidate,
    string Company,
    string Role,
    OpeningSummary Opening,
    OpeningMatch Match,
    int Score,
    IReadOnlyList<string> Reasons,
    NextAction? Next,
    bool Replayed);

/// <summary>The opening as the answer repeats it.</summary>
public sealed record OpeningSummary(string Title, LocalDate PostedOn, string? Url, string? Id);
