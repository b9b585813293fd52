using SecondChance.Samples.Web;
using SecondChance.Samples.Web.Storage;

WebApplication app;
try
{
    app = SecondChanceWebApp.Build(args);
}
catch (StoreUnavailableException ex)
{
    // Already logged; a missing database is an operator's problem, not a crash to debug.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
