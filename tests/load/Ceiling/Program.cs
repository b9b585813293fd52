// The load test's ceiling: the same host (ASP.NET Core minimal APIs, Kestrel, the same logging) doing
// none of the sample's work. Each route answers the bytes the sample answered for that scenario,
// read once at start from the files named by CEILING_NEXT, CEILING_AGENDA and CEILING_WRITE, so the
// ratio of the two measures only the sample's own work (storage, rules, serialization).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var next = File.ReadAllBytes(Required("CEILING_NEXT"));
var agenda = File.ReadAllBytes(Required("CEILING_AGENDA"));
var write = File.ReadAllBytes(Required("CEILING_WRITE"));

app.MapGet("/healthz", () => Results.Text("""{"status":"alive"}""", "application/json"));
app.MapGet("/api/cases/{id}/next", (string id) => Results.Bytes(next, "application/json"));
app.MapGet("/api/agenda", () => Results.Bytes(agenda, "application/json"));
app.MapPost("/api/cases/{id}/events", async (string id, HttpRequest request) =>
{
    // Read the body as the sample does, so both pay for receiving it.
    using var reader = new StreamReader(request.Body);
    await reader.ReadToEndAsync();
    return Results.Bytes(write, "application/json");
});

app.Run();

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"Set {name} to the file with the bytes to answer.");
