namespace SecondChance.Samples.Web.Load;

/// <summary>What a load check measured.</summary>
public sealed record LoadReport(
    int Clients,
    TimeSpan Duration,
    long Requests,
    long Errors,
    long EventsRecorded,
    long EventsLost,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds)
{
    public override string ToString() =>
        $"{Clients} clients, {Duration.TotalSeconds:0.0} s: {Requests} requests ({RequestsPerSecond:0} per second), "
        + $"{Errors} errors, {EventsRecorded} events recorded, {EventsLost} lost; latency p50 {P50Milliseconds:0.0} ms, "
        + $"p99 {P99Milliseconds:0.0} ms, max {MaxMilliseconds:0.0} ms";
}
