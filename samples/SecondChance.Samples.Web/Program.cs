using SecondChance.Samples.Web;

var app = SecondChanceWebApp.Build(args);
await app.RunAsync();

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
