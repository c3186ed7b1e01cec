using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Monitor.Hosting;

namespace Monitor.Cli;

/// <summary>What `serve` tells the person who started it, once it listens: where the dashboard is, and the key.</summary>
internal static class Greeting
{
    public static void Tell(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<MonitorOptions>>().Value;
        var data = app.Services.GetRequiredService<DataFolder>().Path;
        var dashboards = addresses.Select(Browsable).Distinct().ToList();
        var key = KeyLine(app.Configuration, options);
        foreach (var dashboard in dashboards) Console.WriteLine($"Dashboard: {dashboard}");
        Console.WriteLine($"Data: {data}");
        Console.WriteLine(key);
        app.Logger.LogInformation("Serving the dashboard at {Dashboards}, data in {DataFolder}; {AnalystKey}",
            string.Join(", ", dashboards), data, key);
    }

    /// <summary>An address a browser can open: a wildcard host (listening everywhere) is reached on this machine as localhost.</summary>
    private static string Browsable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri.ToString();
    }

    private static string KeyLine(IConfiguration configuration, MonitorOptions options) =>
        configuration.GetSection("Monitor:Auth:AnalystKeys").GetChildren().Any()
            ? "Analyst keys: as configured (Monitor:Auth:AnalystKeys)."
            : $"Analyst key: {options.Auth.KeyFile ?? AnalystKeyFile.DefaultPath} (the CLI finds it there; paste it into the dashboard's Analyst key to record).";
}
