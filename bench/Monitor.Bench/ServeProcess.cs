using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Bench;

/// <summary>
/// `monitor serve` in a process of its own, as an operator restarts it: the runtime starts, the code is compiled and the
/// read models' memory is taken afresh, none of it already paid for by the bench's own process.
/// </summary>
/// <remarks>
/// The bench asks for <c>/health</c> only once the server says it listens, and every quarter second before that in case
/// it never says so. Asking every 20 ms from the start, as it did, cost the bench's own process 0.3-0.6 s of processor
/// time per start (connections refused, each an exception, through code the JIT had not yet optimised): on two cores
/// that was taken from the server being timed, and its restart measured 0.1-0.2 s slower than a script polling from
/// outside found it.
/// </remarks>
public static class ServeProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UntilListening = TimeSpan.FromMilliseconds(250), WhileListening = TimeSpan.FromMilliseconds(20);
    // What ASP.NET Core's host logs (Microsoft.Hosting.Lifetime, Information) once the server accepts connections.
    private const string ListeningLine = "Now listening on";

    /// <summary>How long `monitor serve` of <paramref name="build"/> on <paramref name="dataDirectory"/> takes from its launch until GET /health answers 200.</summary>
    /// <param name="thenUntil">Once it is ready, it is kept running until this is true (it has written something, say).</param>
    /// <param name="settings">Configuration for it, as `--Key=value` arguments.</param>
    public static async Task<TimeSpan> TimeUntilReadyAsync(
        ServerBuild build, string dataDirectory, string analystKey, CancellationToken ct, Func<bool>? thenUntil = null, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // Started as the image and the systemd unit start it, by its own executable; `dotnet monitor.dll` where there is none.
        var executable = Path.ChangeExtension(build.Program, null);
        var direct = File.Exists(executable);
        var start = new ProcessStartInfo(direct ? executable : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            .. direct ? Array.Empty<string>() : [build.Program], "serve", "--urls", address.ToString().TrimEnd('/'),
            "--data=" + dataDirectory, "--Monitor:SeedPath=", "--Monitor:Auth:AnalystKeys:0=" + analystKey,
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. settings,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // A server makes a key in the user's configuration folder when it has none: never the real user's.
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(dataDirectory, "config-home");

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("`monitor serve` did not start.");
        var printed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            printed.Enqueue(line.Data ?? "");
            if (line.Data?.Contains(ListeningLine, StringComparison.Ordinal) == true) listening.TrySetResult();
        };
        process.ErrorDataReceived += (_, line) => printed.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (Stopwatch.GetElapsedTime(started) < Patience)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"monitor serve exited with code {process.ExitCode}:\n{string.Join('\n', printed)}");
                if (await AnswersReadyAsync(http, ct))
                {
                    var ready = Stopwatch.GetElapsedTime(started);
                    while (thenUntil?.Invoke() == false && Stopwatch.GetElapsedTime(started) < Patience && !process.HasExited) await Task.Delay(20, ct);
                    return ready;
                }
                if (listening.Task.IsCompleted) await Task.Delay(WhileListening, ct);
                else await Task.WhenAny(listening.Task, Task.Delay(UntilListening, ct));
            }
            throw new TimeoutException($"monitor serve was not ready within {Patience.TotalMinutes} min:\n{string.Join('\n', printed)}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> AnswersReadyAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/health", ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false; // not listening yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
