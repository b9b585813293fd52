using System.Text.Json;
using NodaTime;
using Quartz;
using SecondChance.Integrations.Reminders;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// <c>POST /api/reminders/run</c> sweeps the caller's tenant now; <c>GET /api/cases/{id}/reminders</c> is a case's
/// reminders and their delivery state; <c>GET /api/reminders/failed</c> is the tenant's delivery log of parked messages.
/// </summary>
public static class ReminderApi
{
    /// <summary>The most parked messages one delivery-log request lists.</summary>
    public const int MaxFailed = 500;

    /// <summary>One reminder on one channel, as the API shows it.</summary>
    public sealed record ReminderState(string ReminderId, string CaseId, string Channel, string Action, LocalDate DueOn, Instant SendAt, string State, int Attempts, string? LastError, Instant? SentAt);

    public static IEndpointRouteBuilder MapReminderApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Reminders");
        api.MapPost("/reminders/run", Run)
            .WithName("RunReminders")
            .WithSummary("Sweep this tenant's due reminders now")
            .WithDescription("Queues every reminder of the tenant whose send time has come and starts the dispatcher; answers with how many this sweep queued. Deliveries then show in GET /api/cases/{id}/reminders.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/cases/{id}/reminders", ForCase)
            .WithName("GetCaseReminders")
            .WithSummary("A case's reminders and their delivery state (pending, sent, failed, superseded)")
            .Produces<ReminderState[]>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/reminders/failed", Failed)
            .WithName("GetFailedReminders")
            .WithSummary("The delivery log: reminders parked as failed after their last try, with the last error")
            .Produces<ReminderState[]>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<IResult> Run(HttpContext http, ReminderDispatcher dispatcher, ISchedulerFactory schedulers, CancellationToken ct)
    {
        var enqueued = await dispatcher.SweepAsync(http.Tenant(), 0, CaseBuckets.Count, ct);
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(ReminderDispatchJob.Key, ct);
        return Results.Ok(new { enqueued });
    }

    private static async Task<IResult> ForCase(string id, HttpContext http, ICaseStore store, IReminderOutbox outbox, CancellationToken ct)
    {
        var tenant = http.Tenant();
        if (await store.GetAsync(tenant, id, ct) is null)
        {
            return CaseApi.CaseNotFound(id);
        }

        return Results.Ok((await outbox.ForCaseAsync(tenant, id, ct)).Select(Show).ToArray());
    }

    private static async Task<IResult> Failed(HttpContext http, IReminderOutbox outbox, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxFailed)
        {
            return CaseApi.Invalid([new Validation.CaseError("limit", $"must be from 1 to {MaxFailed}")]);
        }

        return Results.Ok((await outbox.FailedAsync(http.Tenant(), limit ?? 100, ct)).Select(Show).ToArray());
    }

    private static ReminderState Show(OutboxMessage row)
    {
        var reminder = JsonSerializer.Deserialize<Reminder>(row.Reminder, SecondChanceJson.Options)!;
        return new ReminderState(row.ReminderId, row.CaseId, row.Channel, reminder.Action.ToString(), reminder.DueOn, row.SendAt, row.State.ToString().ToLowerInvariant(), row.Attempts, row.LastError, row.SentAt);
    }
}
