using System.Diagnostics;

namespace Monitor.Tests.Process;

/// <summary>The `monitor` program run once, as a user runs it: its exit code and what it printed.</summary>
internal static class MonitorCli
{
    public static Task<(int Code, string Output, string Error)> RunAsync(string workingDirectory, params string[] args) =>
        RunAsUserAsync(workingDirectory, ServerProcess.TestConfigHome, args);

    /// <param name="configHome">The user's configuration folder (XDG_CONFIG_HOME), where the CLI looks for a generated key.</param>
    public static Task<(int Code, string Output, string Error)> RunAsUserAsync(string workingDirectory, string configHome, params string[] args) =>
        RunAsync(new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.ProgramPath } }, workingDirectory, configHome, args);

    /// <summary>With settings in the environment, as the image and the systemd unit give them (Monitor__DataDirectory=...).</summary>
    public static Task<(int Code, string Output, string Error)> RunWithAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { ServerProcess.ProgramPath } };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return RunAsync(start, workingDirectory, ServerProcess.TestConfigHome, args);
    }

    /// <summary>Through the clone's launcher, scripts/monitor, as the README's tour runs it (building the program if it must).</summary>
    public static Task<(int Code, string Output, string Error)> RunLauncherAsync(string workingDirectory, params string[] args) =>
        RunAsync(new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "monitor")), workingDirectory, ServerProcess.TestConfigHome, args);

    private static async Task<(int Code, string Output, string Error)> RunAsync(ProcessStartInfo start, string workingDirectory, string configHome,
        string[] args)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.WorkingDirectory) = (true, true, workingDirectory);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("MONITOR_KEY");
        start.Environment.Remove("MONITOR_URL");
        start.Environment["XDG_CONFIG_HOME"] = configHome;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
