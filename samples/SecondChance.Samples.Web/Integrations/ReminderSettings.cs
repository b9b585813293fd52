using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using MailKit.Security;
using MimeKit;
using NodaTime;
using NodaTime.Text;
using Quartz;
using SecondChance.Cases;
using SecondChance.Integrations.Reminders;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Samples.Web.Integrations;

/// <summary>
/// Reminder delivery settings from configuration. Global: <c>Reminders:Cron</c> (Quartz cron, default every
/// 15 minutes), <c>Reminders:SendAt</c> (local time, default 09:00), <c>Reminders:MaxAttempts</c> (default 5),
/// <c>Reminders:RetryDelay</c> (first backoff, default 2 s), <c>Reminders:Timeout</c> (per attempt, default 10 s),
/// <c>Reminders:Lease</c> (default 5 min), <c>Reminders:BreakAfter</c> (failures before an endpoint's circuit
/// opens, default 5), <c>Reminders:BreakFor</c> (default 1 min), <c>Reminders:Partitions</c> (sweep jobs per tenant,
/// each over one range of case-id hashes, default 4), <c>Reminders:DispatchEvery</c> (how often the dispatcher picks up
/// queued and abandoned reminders, default 1 min), <c>Reminders:ClaimBatch</c> (messages per claim, default 100). Per tenant: <c>Reminders:{tenant}:Webhook:Url</c>
/// and <c>Reminders:{tenant}:Webhook:Secret</c> (<c>whsec_...</c>). Email: <c>Smtp:Host</c>, <c>Smtp:Port</c>
/// (default 25), <c>Smtp:From</c>, optional <c>Smtp:User</c>/<c>Smtp:Password</c> and <c>Smtp:Security</c>
/// (<c>None</c>, <c>Auto</c>, <c>StartTls</c>, <c>SslOnConnect</c>; default <c>Auto</c>).
/// </summary>
public sealed class ReminderSettings
{
    public const string WebhookChannel = "webhook";
    public const string EmailChannel = "email";
    public const string DefaultCron = "0 0/15 * * * ?";

    private readonly IConfiguration _configuration;

    // What every case write asks (which channels a tenant has), read from configuration once per reload
    // instead of walking the configuration on each write; a reload starts a new map and re-reads SMTP.
    private volatile ConcurrentDictionary<string, (Uri Url, StandardWebhookSecret Secret)?> _webhooks = new(StringComparer.Ordinal);
    private volatile string? _smtpHost;

    public ReminderSettings(IConfiguration configuration, Tenancy.TenantDirectory tenants)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tenants);
        _configuration = configuration;
        Reload();
        ChangeToken.OnChange(configuration.GetReloadToken, Reload);
        var problems = new List<string>();
        var section = configuration.GetSection("Reminders");
        Cron = section["Cron"] ?? DefaultCron;
        if (!CronExpression.TryParse(Cron, out _))
        {
            problems.Add($"Reminders:Cron: '{Cron}' is not a Quartz cron expression (for example {DefaultCron})");
        }

        var sendAt = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(section["SendAt"] ?? "09:00");
        if (!sendAt.Success)
        {
            problems.Add($"Reminders:SendAt: '{section["SendAt"]}' is not a time of day such as 09:00");
        }

        Planning = new ReminderOptions { SendAt = sendAt.Success ? sendAt.Value : new LocalTime(9, 0) };
        MaxAttempts = Number(section, "MaxAttempts", 5, 1, 20, problems);
        BreakAfter = Number(section, "BreakAfter", 5, 2, 1000, problems);
        RetryDelay = Span(section, "RetryDelay", TimeSpan.FromSeconds(2), problems);
        Timeout = Span(section, "Timeout", TimeSpan.FromSeconds(10), problems);
        BreakFor = Span(section, "BreakFor", TimeSpan.FromMinutes(1), problems);
        Lease = Duration.FromTimeSpan(Span(section, "Lease", TimeSpan.FromMinutes(5), problems));
        Partitions = Number(section, "Partitions", 4, 1, 256, problems);
        ClaimBatch = Number(section, "ClaimBatch", 100, 1, 10000, problems);
        DispatchEvery = Span(section, "DispatchEvery", TimeSpan.FromMinutes(1), problems);

        foreach (var tenant in tenants.Tenants)
        {
            var webhook = Tenant(tenant);
            if (webhook?["Webhook:Url"] is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                problems.Add($"Reminders:{tenant}:Webhook:Url: '{url}' is not an http or https address");
            }

            if (webhook?["Webhook:Url"] is not null && !StandardWebhookSecret.TryParse(webhook["Webhook:Secret"], out _, out var why))
            {
                problems.Add($"Reminders:{tenant}:Webhook:Secret: {why}");
            }
        }

        var smtp = configuration.GetSection("Smtp");
        if (smtp["Host"] is { Length: > 0 })
        {
            if (!MailboxAddress.TryParse(smtp["From"], out var from))
            {
                problems.Add($"Smtp:From: '{smtp["From"]}' is not an email address; the reminder emails need a sender");
            }

            From = from;
            SmtpPort = Number(smtp, "Port", 25, 1, 65535, problems);
            if (!Enum.TryParse<SecureSocketOptions>(smtp["Security"] ?? "Auto", ignoreCase: true, out var security))
            {
                problems.Add($"Smtp:Security: '{smtp["Security"]}' is not one of None, Auto, StartTls, SslOnConnect");
            }

            SmtpSecurity = security;
        }

        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    public string Cron { get; }

    public ReminderOptions Planning { get; }

    public int MaxAttempts { get; }

    public int BreakAfter { get; }

    public TimeSpan RetryDelay { get; }

    public TimeSpan Timeout { get; }

    public TimeSpan BreakFor { get; }

    public Duration Lease { get; }

    /// <summary>Gets how many sweep jobs each tenant has, each over one range of case buckets.</summary>
    public int Partitions { get; }

    /// <summary>Gets how many messages one claim takes.</summary>
    public int ClaimBatch { get; }

    /// <summary>Gets how often the dispatcher job runs.</summary>
    public TimeSpan DispatchEvery { get; }

    public MailboxAddress? From { get; }

    public string? SmtpHost => _smtpHost;

    public int SmtpPort { get; } = 25;

    public SecureSocketOptions SmtpSecurity { get; } = SecureSocketOptions.Auto;

    public string? SmtpUser => _configuration["Smtp:User"];

    public string? SmtpPassword => _configuration["Smtp:Password"];

    /// <summary>Gets a tenant's webhook receiver, when it has one.</summary>
    public (Uri Url, StandardWebhookSecret Secret)? Webhook(string tenant) => _webhooks.GetOrAdd(tenant, ReadWebhook);

    private (Uri Url, StandardWebhookSecret Secret)? ReadWebhook(string tenant) =>
        Tenant(tenant) is { } section && Uri.TryCreate(section["Webhook:Url"], UriKind.Absolute, out var url)
        && StandardWebhookSecret.TryParse(section["Webhook:Secret"], out var secret, out _)
            ? (url, secret)
            : null;

    /// <summary>Gets the channels a case's reminders go out on: the tenant's webhook, and email when SMTP is set up and the case has a candidate email.</summary>
    public IReadOnlyList<string> ChannelsFor(string tenant, RunnerUpCase @case)
    {
        var channels = new List<string>(2);
        if (Webhook(tenant) is not null)
        {
            channels.Add(WebhookChannel);
        }

        if (SmtpHost is not null && From is not null && !string.IsNullOrEmpty(@case.CandidateEmail))
        {
            channels.Add(EmailChannel);
        }

        return channels;
    }

    private void Reload()
    {
        _smtpHost = _configuration["Smtp:Host"] is { Length: > 0 } host ? host : null;
        _webhooks = new(StringComparer.Ordinal);
    }

    private IConfigurationSection? Tenant(string tenant) =>
        _configuration.GetSection("Reminders").GetChildren().FirstOrDefault(s => string.Equals(s.Key, tenant, StringComparison.OrdinalIgnoreCase));

    private static int Number(IConfigurationSection section, string key, int fallback, int min, int max, List<string> problems)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key}: '{text}' must be a whole number from {min} to {max}");
        return fallback;
    }

    private static TimeSpan Span(IConfigurationSection section, string key, TimeSpan fallback, List<string> problems)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        problems.Add($"{section.Path}:{key}: '{text}' must be a positive time span such as 00:00:10");
        return fallback;
    }
}
