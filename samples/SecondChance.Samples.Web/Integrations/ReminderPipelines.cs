using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// One Polly v8 pipeline per endpoint (a webhook address or an SMTP server): retries with exponential backoff
/// and jitter around a circuit breaker and a per-attempt timeout, so a failing receiver trips its own circuit
/// without slowing deliveries to others.
/// </summary>
public sealed class ReminderPipelines(ReminderSettings settings) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public void Dispose() => _registry.Dispose();

    public ResiliencePipeline For(string endpoint) => _registry.GetOrAddPipeline(endpoint, builder =>
    {
        var transient = new PredicateBuilder()
            .Handle<TransientDeliveryException>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .Handle<IOException>()
            .Handle<SocketException>()
            .Handle<SmtpProtocolException>()
            .Handle<ServiceNotConnectedException>();
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = transient,
            FailureRatio = 1.0,
            MinimumThroughput = settings.BreakAfter,
            SamplingDuration = TimeSpan.FromMinutes(5),
            BreakDuration = settings.BreakFor,
        });
        builder.AddTimeout(settings.Timeout);
    });
}
