using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.OpenApi;
using NodaTime;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Integrations;
using SecondChance.Samples.Web.Links;
using SecondChance.Samples.Web.Security;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Serialization;

namespace SecondChance.Samples.Web;

/// <summary>Builds the web host: services, the SQLite store, tenants with their rule sets, the API and the page.</summary>
public static class SecondChanceWebApp
{
    /// <summary>Creates the app. <paramref name="configure"/> lets a caller (a test) change the builder before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, WebApplicationOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(options ?? new WebApplicationOptions { Args = args });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ApiContract.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            SecondChanceJson.Configure(o.SerializerOptions);

            // Bodies are read by the library's parsers; these options only write, so numbers are numbers (and integers in OpenAPI).
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSecondChance(builder.Configuration);
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<ICalendarFeedAccess, TenantKeyFeedAccess>();
        builder.Services.AddDataProtection();
        builder.Services.AddSecondChanceRateLimits();
        builder.Services.AddSingleton<CandidateLinks>();
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection("Storage"));
        builder.Services.AddCaseStore();
        builder.Services.AddHostedService<ExpiredKeyPurge>();
        builder.Services.AddSingleton<TenantStats>();
        builder.Services.AddSingleton<AgendaCache>();
        builder.Services.AddSingleton<CaseCache>();
        builder.Services.AddReminders();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // no response carries a secret next to text the client chose
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(OpenApiSchemas.Describe);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SecondChance web sample";
                document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
                OpenApiSchemas.DescribeDocument(document);
                document.Info.Description = "Runner-up cases per tenant: store a case, record what happened, and get the next action, the ten-step plan, the daily agenda, a thank-you note draft and check, a calendar file and outcome statistics. Every /api request needs the tenant's key in the X-Api-Key header.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyMiddleware.HeaderName,
                    Description = "The tenant's API key, from configuration Tenants:{name}.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
                return Task.CompletedTask;
            });
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        Prepare(app);

        app.UseSecondChanceSecurityHeaders();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseBodySizeLimitProblem();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseCandidateLinks();
        app.UseApiKeyTenants();
        // The API description is for developers: outside Development only when OpenApi:Enabled says so.
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("OpenApi:Enabled"))
        {
            app.MapOpenApi();
        }

        app.MapCaseApi();
        app.MapNoteApi();
        app.MapCalendarApi();
        app.MapStatsApi();
        app.MapOpeningApi();
        app.MapHealthApi();
        app.MapCandidateLinkApi();
        app.MapIntakeApi();
        app.MapReminderApi();
        // The operator view (the page driven by a tenant's key) is for local use: outside Development
        // the page only opens candidate links, and no key is handed out.
        app.MapGet("/ui/settings", (IConfiguration config, IHostEnvironment env) => Results.Ok(env.IsDevelopment()
                ? new { operatorView = true, demoApiKey = config["Ui:DemoApiKey"] }
                : new { operatorView = false, demoApiKey = (string?)null }))
            .ExcludeFromDescription();
        return app;
    }

    // Fails fast: bad tenants or rule sets stop the app here, with every problem in the log, and the
    // schema is created or migrated before the first request.
    private static void Prepare(WebApplication app)
    {
        TenantDirectory tenants;
        try
        {
            tenants = app.Services.GetRequiredService<TenantDirectory>();
        }
        catch (TenantConfigurationException ex)
        {
            StartupLog.ConfigurationRejected(app.Logger, ex.Message);
            throw;
        }

        var problems = app.Services.GetRequiredService<IntakeSettings>().Problems
            .Concat(app.Services.GetRequiredService<ReminderSettings>().Problems).ToArray();
        if (problems.Length > 0)
        {
            var rejected = new TenantConfigurationException(problems);
            StartupLog.ConfigurationRejected(app.Logger, rejected.Message);
            throw rejected;
        }

        var store = app.Services.GetRequiredService<ICaseStore>();
        try
        {
            store.Initialize();
        }
        catch (StoreUnavailableException ex)
        {
            StartupLog.ConfigurationRejected(app.Logger, ex.Message);
            throw;
        }

        var reminders = app.Services.GetRequiredService<ReminderOutboxWriter>();
        var clock = app.Services.GetRequiredService<IClock>();
        foreach (var tenant in tenants.Tenants)
        {
            // One tenant's stored cases or rules never keep the host from serving the others.
            var rules = tenants.For(tenant);
            try
            {
                var changed = store.RefreshDerived(tenant, rules.Fingerprint, (id, doc) => CaseApi.Derive(tenant, id, doc, rules.Engine, rules.Fingerprint, reminders, clock));
                if (changed > 0)
                {
                    StartupLog.DueDatesRecomputed(app.Logger, changed, tenant);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                StartupLog.RecomputeFailed(app.Logger, ex, tenant);
            }
        }

        app.Services.GetRequiredService<TenantStats>().LoadAsync(store, CancellationToken.None).GetAwaiter().GetResult();
        var names = string.Join(", ", tenants.Tenants);
        StartupLog.Ready(app.Logger, store.Location, names);
    }
}
