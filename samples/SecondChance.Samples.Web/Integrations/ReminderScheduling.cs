using System.Data.Common;
using System.Globalization;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// The job-board integration's services: intake settings and log, the reminder outbox of the configured storage
/// provider, delivery, and Quartz.NET with its ADO.NET job store on the sample's own database. On SQLite that is a
/// single-node persistent store; on PostgreSQL a clustered one (instance id AUTO), so several hosts share the
/// sweeps and the dispatcher. The provider is read from configuration when the services are first built.
/// </summary>
public static class ReminderScheduling
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSingleton<IntakeSettings>();
        services.AddSingleton<IntakeLog>();
        services.AddSingleton<ReminderSettings>();
        services.AddSingleton<ReminderOutboxWriter>();
        services.AddSingleton<ReminderPipelines>();
        services.AddSingleton<ReminderDispatcher>();
        services.AddHttpClient(ReminderDispatcher.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<ReminderSettings>().Timeout * 2 + TimeSpan.FromSeconds(1));
        services.AddHttpClient(LeverApiLookup.HttpClientName);

        // One data source on the store's database, shared by the outbox and the intake log (Quartz opens its own connections).
        services.AddSingleton(sp => StorageProviders.DataSourceFor(sp.GetRequiredService<ICaseStore>()));
        services.AddSingleton(sp => StorageProviders.OutboxFor(sp.GetRequiredService<ICaseStore>(), sp.GetRequiredService<DbDataSource>()));

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "SecondChance";
                o.InstanceId = "AUTO";
                o.GenerateInstanceId = true; // AUTO: host name and start time, unique per host in the cluster
            });
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key).StoreDurably());
            q.AddJob<ReminderDispatchJob>(j => j.WithIdentity(ReminderDispatchJob.Key).StoreDurably());
            // The provider is only known once configuration is complete (a host's or a test's), so the parts of
            // Quartz's store that depend on it are chosen when the scheduler is built.
            q.UsePersistentStore(store =>
            {
                store.UseConnectionProvider(sp => StorageProviders.IsPostgreSql(sp.GetRequiredService<IConfiguration>())
                    ? new DbProvider("Npgsql", sp.GetRequiredService<PostgreSqlCaseStore>().ConnectionString)
                    : new DbProvider("SQLite-Microsoft", sp.GetRequiredService<SqliteCaseStore>().ConnectionString));
                store.UseDriverDelegate(sp => StorageProviders.IsPostgreSql(sp.GetRequiredService<IConfiguration>())
                    ? new PostgreSQLDelegate()
                    : new SQLiteDelegate());
            });
        });

        services.AddOptions<AdoJobStoreOptions>().PostConfigure<IConfiguration>((o, configuration) =>
            o.TablePrefix = StorageProviders.IsPostgreSql(configuration) ? IntegrationSchema.PostgreSqlQuartzPrefix : IntegrationSchema.SqliteQuartzPrefix);
        services.AddOptions<ClusteringOptions>().PostConfigure<IConfiguration>((o, configuration) =>
            o.Enabled = StorageProviders.IsPostgreSql(configuration));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<ReminderTriggers>();
        return services;
    }

    /// <summary>
    /// Puts the triggers into the persistent store at start, replacing older ones: per tenant one sweep trigger per
    /// range of case buckets on <c>Reminders:Cron</c>, and the dispatcher's repeating trigger. Hosts starting together
    /// converge on the same triggers.
    /// </summary>
    private sealed class ReminderTriggers(ISchedulerFactory factory, TenantDirectory tenants, ReminderSettings settings) : IHostedService
    {
        private const string Group = "reminders";

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var wanted = new HashSet<TriggerKey>();
            foreach (var tenant in tenants.Tenants)
            {
                for (var partition = 0; partition < settings.Partitions; partition++)
                {
                    var (from, to) = CaseBuckets.Range(partition, settings.Partitions);
                    var trigger = TriggerBuilder.Create()
                        .WithIdentity($"sweep-{tenant.ToLowerInvariant()}-{partition + 1}-of-{settings.Partitions}", Group)
                        .ForJob(ReminderSweepJob.Key)
                        .UsingJobData(ReminderSweepJob.TenantKey, tenant)
                        .UsingJobData(ReminderSweepJob.FromBucketKey, from.ToString(CultureInfo.InvariantCulture))
                        .UsingJobData(ReminderSweepJob.ToBucketKey, to.ToString(CultureInfo.InvariantCulture))
                        .WithSchedule(CronScheduleBuilder.Create(settings.Cron).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                        .Build();
                    await Put(scheduler, trigger, cancellationToken);
                    wanted.Add(trigger.Key);
                }
            }

            var dispatch = TriggerBuilder.Create()
                .WithIdentity("dispatch", Group)
                .ForJob(ReminderDispatchJob.Key)
                .StartAt(DateTimeOffset.UtcNow + settings.DispatchEvery)
                .WithSimpleSchedule(s => s.WithInterval(settings.DispatchEvery).RepeatForever())
                .Build();
            await Put(scheduler, dispatch, cancellationToken);
            wanted.Add(dispatch.Key);

            // Ranges of an earlier partition count, or of a tenant no longer configured, stop sweeping.
            var known = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(Group), Take = 10_000 }, cancellationToken);
            foreach (var header in known.Items)
            {
                if (!wanted.Contains(header.Key))
                {
                    await scheduler.UnscheduleJob(header.Key, cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        // Replaces an older trigger of the same name, so a changed cron or interval takes effect; hosts starting together agree.
        private static async Task Put(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken) =>
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }
}
