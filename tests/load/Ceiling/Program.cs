using System.Threading.Channels;
using Microsoft.Data.Sqlite;

// The load test's ceiling: the same host (ASP.NET Core minimal APIs, Kestrel, the same logging) doing
// none of the sample's work. Each route answers the bytes the sample answered for that scenario,
// read once at start from the files named by CEILING_NEXT, CEILING_AGENDA and CEILING_WRITE (and, for
// a write that says "Prefer: return=minimal", CEILING_WRITE_MINIMAL), so the ratio of the two measures
// only the sample's own work (storage, rules, serialization).
//
// Beside it, the durable floor of a write (/durable/api/cases/{id}/events): the same answer, sent only
// after the request body was committed to a SQLite file (CEILING_DB) the way the sample commits (WAL,
// synchronous = NORMAL, one writer committing every write waiting at that moment in one transaction).
// No case is read, checked or decided: it is what any durable write costs on this machine, so the
// sample's write rate over it measures the sample's own work on a write.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var next = File.ReadAllBytes(Required("CEILING_NEXT"));
var agenda = File.ReadAllBytes(Required("CEILING_AGENDA"));
var write = File.ReadAllBytes(Required("CEILING_WRITE"));
var writeMinimal = File.ReadAllBytes(Required("CEILING_WRITE_MINIMAL"));
byte[] WriteAnswer(HttpRequest request) =>
    request.Headers["Prefer"].ToString().Contains("return=minimal", StringComparison.OrdinalIgnoreCase) ? writeMinimal : write;
var log = new DurableLog(Required("CEILING_DB"));

app.MapGet("/healthz", () => Results.Text("""{"status":"alive"}""", "application/json"));
app.MapGet("/api/cases/{id}/next", (string id) => Results.Bytes(next, "application/json"));
app.MapGet("/api/agenda", () => Results.Bytes(agenda, "application/json"));
app.MapPost("/api/cases/{id}/events", async (string id, HttpRequest request) =>
{
    // Read the body as the sample does, so both pay for receiving it.
    using var reader = new StreamReader(request.Body);
    await reader.ReadToEndAsync();
    return Results.Bytes(WriteAnswer(request), "application/json");
});
app.MapPost("/durable/api/cases/{id}/events", async (string id, HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    await log.AppendAsync(id, await reader.ReadToEndAsync());
    return Results.Bytes(WriteAnswer(request), "application/json");
});

app.Run();

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"Set {name} to the file with the bytes to answer.");

/// <summary>Appends request bodies to a SQLite table through one writer that commits every append waiting at that moment together.</summary>
internal sealed class DurableLog
{
    private readonly Channel<(string Id, string Body, TaskCompletionSource Done)> _appends = Channel.CreateUnbounded<(string, string, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    public DurableLog(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;
                CREATE TABLE IF NOT EXISTS events (case_id TEXT NOT NULL, body TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        _ = Task.Run(() => WriteLoop(connection));
    }

    public Task AppendAsync(string id, string body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _appends.Writer.TryWrite((id, body, done));
        return done.Task;
    }

    private async Task WriteLoop(SqliteConnection connection)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (case_id, body) VALUES ($id, $body);";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var batch = new List<TaskCompletionSource>();
        while (await _appends.Reader.WaitToReadAsync())
        {
            using (var transaction = connection.BeginTransaction())
            {
                insert.Transaction = transaction;
                while (batch.Count < 256 && _appends.Reader.TryRead(out var append))
                {
                    (id.Value, body.Value) = (append.Id, append.Body);
                    insert.ExecuteNonQuery();
                    batch.Add(append.Done);
                }

                transaction.Commit();
            }

            batch.ForEach(done => done.SetResult());
            batch.Clear();
        }
    }
}
