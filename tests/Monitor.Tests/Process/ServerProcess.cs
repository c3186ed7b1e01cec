using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Monitor.Tests.Process;

/// <summary>The monitor as users run it: `monitor serve` in its own OS process, which a test may kill -9.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(System.Diagnostics.Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>Everything the server printed (its logs), to check what it must never print.</summary>
    public string Output => string.Join('\n', _output);

    /// <param name="settings">More configuration, as `Section:Key=value`.</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string analystKey, params string[] settings)
    {
        var server = Launch(dataDirectory, analystKey, settings);
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>Starts `monitor serve` without waiting for it to be ready (or to refuse).</summary>
    public static ServerProcess Launch(string dataDirectory, string analystKey, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = Serve(address, dataDirectory);
        foreach (var setting in settings.Prepend("Monitor:Auth:AnalystKeys:0=" + analystKey)) start.ArgumentList.Add("--" + setting);
        return Begin(start, address);
    }

    /// <summary>`monitor serve` as a new user starts it: no --data, no key configured, from <paramref name="workingDirectory"/>.</summary>
    /// <param name="configHome">The user's configuration folder (XDG_CONFIG_HOME), where a generated key goes.</param>
    /// <param name="throughDotnetRun">Started as the README says, `dotnet run --project src/Monitor -- serve` (without building again).</param>
    /// <param name="home">The user's home folder (HOME), if not the real one.</param>
    public static async Task<ServerProcess> StartAsNewUserAsync(string workingDirectory, string configHome, bool throughDotnetRun = false,
        string? home = null, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = Serve(address, dataDirectory: null, throughDotnetRun);
        foreach (var setting in settings) start.ArgumentList.Add("--" + setting);
        start.WorkingDirectory = workingDirectory;
        start.Environment["XDG_CONFIG_HOME"] = configHome;
        if (home is not null) start.Environment["HOME"] = home;
        var server = Begin(start, address);
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private static ServerProcess Begin(ProcessStartInfo start, Uri address)
    {
        var process = System.Diagnostics.Process.Start(start)!;
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, line) => server._output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => server._output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs `monitor serve` with these environment variables, expecting it to refuse to start: its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RefusalAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = Serve(new Uri($"http://127.0.0.1:{FreePort()}"), dataDirectory);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("monitor serve started (or hung) instead of refusing to start.");
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Waits for the server to end by itself, as a refused start does, and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(double seconds = 60)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"monitor serve was still running after {seconds} s. It printed:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>A client of this server that sends <paramref name="key"/> as its Bearer key.</summary>
    public HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a power cut leaves is what survives.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"monitor serve exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"monitor serve did not become healthy at {Address} within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Serve(Uri address, string? dataDirectory, bool throughDotnetRun = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A server with no key configured makes one in the user's configuration folder: never the real user's here.
            Environment = { ["XDG_CONFIG_HOME"] = TestConfigHome },
        };
        foreach (var arg in throughDotnetRun ? DotnetRun : [ProgramPath]) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "serve", "--urls", address.ToString().TrimEnd('/') }) start.ArgumentList.Add(arg);
        if (dataDirectory is not null) start.ArgumentList.Add("--data=" + dataDirectory);
        return start;
    }

    /// <summary>`dotnet run` on the program these tests were built with (same configuration), not building it again.</summary>
    private static string[] DotnetRun =>
    [
        "run", "--no-build", "--project", Path.Combine(Repository.Root, "src", "Monitor"),
        "-c", typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "--",
    ];

    /// <summary>The configuration folder every program these tests start sees (XDG_CONFIG_HOME).</summary>
    public static string TestConfigHome { get; } = Directory.CreateTempSubdirectory("monitor-test-config-").FullName;

    /// <summary>The program built beside these tests (same configuration).</summary>
    public static string ProgramPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "monitor.dll");
            return File.Exists(path) && File.Exists(Path.Combine(AppContext.BaseDirectory, "monitor.runtimeconfig.json"))
                ? path : throw new FileNotFoundException("Build src/Monitor first: monitor.dll is not beside the tests.", path);
        }
    }
}
