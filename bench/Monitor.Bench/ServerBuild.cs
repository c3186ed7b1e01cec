using System.Diagnostics;

namespace Monitor.Bench;

/// <summary>
/// A build of `monitor` that restarts are timed with, in a process of its own (<see cref="ServeProcess"/>): the one
/// `dotnet publish` makes, compiled ahead of time as the image and the systemd recipe ship it, or the one `dotnet build`
/// makes, which `dotnet run` starts and the JIT compiles as it runs.
/// </summary>
/// <param name="Program">Its monitor.dll.</param>
public sealed record ServerBuild(string Name, string Program)
{
    /// <summary>The build beside the bench's own program: the project reference copies it there.</summary>
    public static ServerBuild BuildOutput { get; } = new("dotnet build", Path.Combine(AppContext.BaseDirectory, "monitor.dll"));

    /// <summary>
    /// The builds the starts are timed with: the published one (into the bench folder's published-server) first, as
    /// shipped, then the build output; the build output alone when the project cannot be published.
    /// </summary>
    public static async Task<ServerBuild[]> ToTimeAsync(BenchFolder folder, CancellationToken ct) =>
        await PublishAsync(Path.Combine(folder.Root, "published-server"), ct) is { } published ? [published, BuildOutput] : [BuildOutput];

    /// <summary>
    /// `dotnet publish` of the server's project into <paramref name="folder"/>, run before anything is timed; null, with
    /// the reason on standard error, when the project is not found above the bench (a bench copied elsewhere) or fails to publish.
    /// </summary>
    private static async Task<ServerBuild?> PublishAsync(string folder, CancellationToken ct)
    {
        if (FindProject() is not { } project)
        {
            Progress.Phase("src/Monitor/Monitor.csproj is not above the bench's folder: restarts are timed with the `dotnet build` output only");
            return null;
        }
        Progress.Phase($"publishing the server as deploy/ does (`dotnet publish -c Release`, about 3 min) into {folder}");
        var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-o", folder, "--nologo" }) publish.ArgumentList.Add(arg);
        using var process = Process.Start(publish) ?? throw new InvalidOperationException("`dotnet publish` did not start.");
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(ct), process.StandardError.ReadToEndAsync(ct));
        await process.WaitForExitAsync(ct);
        var program = Path.Combine(folder, "monitor.dll");
        if (process.ExitCode == 0 && File.Exists(program)) return new ServerBuild("dotnet publish", program);
        Progress.Phase($"`dotnet publish` failed (exit code {process.ExitCode}): restarts are timed with the `dotnet build` output only.\n"
            + await output + await errors);
        return null;
    }

    private static string? FindProject()
    {
        for (var at = new DirectoryInfo(AppContext.BaseDirectory); at is not null; at = at.Parent)
        {
            var project = Path.Combine(at.FullName, "src", "Monitor", "Monitor.csproj");
            if (File.Exists(project)) return project;
        }
        return null;
    }
}
