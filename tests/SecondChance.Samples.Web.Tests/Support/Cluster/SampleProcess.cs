using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecondChance.Samples.Web.Tests.Support.Cluster;

/// <summary>
/// One host of the web sample as an operating-system process of its own (its own Kestrel on a free
/// loopback port, its own Quartz scheduler), configured through environment variables, so it can be
/// killed the way a machine dies: no shutdown, leases and scheduler state left behind.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private const string ListeningOn = "Now listening on: ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>Gets the host's name in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the process id (it names the leases the host takes).</summary>
    public int Id => _process.Id;

    /// <summary>Gets the address Kestrel listens on.</summary>
    public Uri Address => _address.Task.IsCompletedSuccessfully ? _address.Task.Result : throw new InvalidOperationException($"{Name} is not listening.");

    /// <summary>Gets whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the last lines the host wrote, for a failure message.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>
    /// Starts <paramref name="sampleDll"/> with <paramref name="settings"/> (configuration keys such as
    /// <c>Storage:Provider</c>) and waits until it listens and its database answers.
    /// </summary>
    public static async Task<SampleProcess> StartAsync(string name, string sampleDll, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [sampleDll])
        {
            WorkingDirectory = Path.GetDirectoryName(sampleDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new SampleProcess(name, new Process { StartInfo = start, EnableRaisingEvents = true });
        host._process.OutputDataReceived += (_, e) => host.Record(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        host._process.Exited += (_, _) => host._address.TrySetException(new InvalidOperationException($"{name} exited with code {host._process.ExitCode} before it listened:{Environment.NewLine}{host.RecentOutput}"));
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host._address.Task.WaitAsync(timeout);
            using var probe = host.Client();
            while (true)
            {
                using var ready = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return host;
                }

                await Task.Delay(100);
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a client for this host, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Kills the process at once (SIGKILL): nothing of a graceful shutdown runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }

        var at = line.IndexOf(ListeningOn, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + ListeningOn.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            _address.TrySetResult(address);
        }
    }
}
