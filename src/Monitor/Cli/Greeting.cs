using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Monitor.Hosting;

namespace Monitor.Cli;

/// <summary>What `serve` tells the person who started it, once it listens: where the dashboard is, its data, and the key.</summary>
internal static class Greeting
{
    public static void Tell(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var dashboards = addresses.Select(Browsable).Distinct().ToList();
        var folder = app.Services.GetRequiredService<DataFolder>();
        var data = folder.Path;
        var keys = app.Services.GetRequiredService<AnalystKeys>();
        var key = keys.File is { } file
            ? $"Analyst key: {file} (the CLI finds it there; paste it into the dashboard's Analyst key to record)."
            : "Analyst keys: as configured (Monitor:Auth:AnalystKeys).";

        // Plain lines for the person at the terminal; with one-line JSON logs, stdout is for machines and the log below says it.
        if (app.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName != ConsoleFormatterNames.Json)
        {
            foreach (var dashboard in dashboards) Console.WriteLine($"Dashboard: {dashboard}");
            Console.WriteLine($"Data: {data}");
            Console.WriteLine(key);
            if (keys.Note is { } note) Console.WriteLine(note);
        }
        app.Logger.LogInformation("Dashboard at {Dashboards}; data in {DataFolder}; analyst key in {KeyFile}. {KeyNote}",
            string.Join(", ", dashboards), data, keys.File ?? "configuration (Monitor:Auth:AnalystKeys)", keys.Note ?? "");
        if (folder.Shared)
            app.Logger.LogWarning("The data folder {DataFolder} holds other files than the monitor's, so its mode is left as it was and "
                + "others may list it; the monitor's own files are owner-only. Give it a folder of its own (--data DIR) to keep it private.", data);
    }

    /// <summary>An address a browser can open: a wildcard host (listening everywhere) is reached on this machine as localhost.</summary>
    private static string Browsable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri.ToString();
    }
}
