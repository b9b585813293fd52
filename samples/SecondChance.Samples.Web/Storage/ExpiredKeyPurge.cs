using Microsoft.Extensions.Options;
using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>Deletes expired idempotency keys in the background, every <see cref="StorageOptions.ExpiredKeyPurgeInterval"/>.</summary>
internal sealed partial class ExpiredKeyPurge(ICaseStore store, IClock clock, IOptions<StorageOptions> options, ILogger<ExpiredKeyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiredKeyPurgeInterval);
        do
        {
            try
            {
                var deleted = await store.PurgeExpiredKeysAsync(clock.GetCurrentInstant(), stoppingToken);
                if (deleted > 0)
                {
                    Purged(logger, deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed purge leaves the keys for the next round; lookups ignore expired keys anyway.
                PurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency keys.")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency keys failed; trying again at the next interval.")]
    private static partial void PurgeFailed(ILogger logger, Exception exception);
}
