namespace Monitor.Tests.Process;

/// <summary>The `monitor` program run once, as a user runs it: its exit code and what it printed.</summary>
internal static class MonitorCli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(ServerProcess.ProgramPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("MONITOR_KEY");
        start.Environment.Remove("MONITOR_URL");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
