using System.Globalization;
using Quartz;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// The sweep: queues a tenant's reminders whose send time has come in one range of case buckets, then delivers
/// the queued ones of that range. Each tenant has <see cref="ReminderSettings.Partitions"/> triggers on the
/// configured cron, one per range, so on a clustered scheduler several hosts sweep one tenant at once.
/// </summary>
public sealed class ReminderSweepJob(ReminderDispatcher dispatcher) : IJob
{
    public const string TenantKey = "tenant";
    public const string FromBucketKey = "fromBucket";
    public const string ToBucketKey = "toBucket";
    public static readonly JobKey Key = new("sweep", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var tenant = data.GetString(TenantKey) ?? throw new JobExecutionException("The sweep trigger names no tenant.");
        var from = int.Parse(data.GetString(FromBucketKey) ?? "0", CultureInfo.InvariantCulture);
        var to = int.Parse(data.GetString(ToBucketKey) ?? Storage.CaseBuckets.Count.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        await dispatcher.SweepAsync(tenant, from, to, cancellationToken);
        await dispatcher.DispatchAsync(tenant, from, to, cancellationToken);
    }
}

/// <summary>
/// The outbox dispatcher: delivers every queued reminder no live lease holds, of every tenant, including those a
/// dead host had claimed once their lease ran out. Runs every <see cref="ReminderSettings.DispatchEvery"/> and
/// right after <c>POST /api/reminders/run</c>; one run at a time across the cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderDispatchJob(ReminderDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("dispatch", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await dispatcher.DispatchAsync(null, 0, Storage.CaseBuckets.Count, cancellationToken);
    }
}
