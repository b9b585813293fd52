using SecondChance.Samples.Web;
using SecondChance.Samples.Web.Load;

if (args.Length > 0 && args[0] == "loadcheck")
{
    return await LoadCheck.RunFromCommandLineAsync(args[1..]);
}

var app = SecondChanceWebApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
