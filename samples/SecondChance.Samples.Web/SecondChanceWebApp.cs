using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using SecondChance.Samples.Web.Api;
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
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Services.ConfigureHttpJsonOptions(o => SecondChanceJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSecondChance(builder.Configuration);
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<CaseStore>();
        builder.Services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(OpenApiSchemas.Describe);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SecondChance web sample";
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

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseApiKeyTenants();
        app.MapOpenApi();
        app.MapCaseApi();
        app.MapNoteApi();
        app.MapCalendarApi();
        app.MapStatsApi();
        app.MapOpeningApi();
        app.MapGet("/ui/settings", (IConfiguration config) => Results.Ok(new { demoApiKey = config["Ui:DemoApiKey"] }))
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

        var store = app.Services.GetRequiredService<CaseStore>();
        store.Initialize();
        foreach (var tenant in tenants.Tenants)
        {
            var rules = tenants.For(tenant);
            var changed = store.RefreshDerived(tenant, rules.Fingerprint, doc => CaseApi.Derive(doc, rules.Engine, rules.Fingerprint));
            if (changed > 0)
            {
                StartupLog.DueDatesRecomputed(app.Logger, changed, tenant);
            }
        }

        var names = string.Join(", ", tenants.Tenants);
        StartupLog.Ready(app.Logger, store.DatabasePath, names);
        _ = app.Services.GetRequiredService<IClock>();
    }
}
