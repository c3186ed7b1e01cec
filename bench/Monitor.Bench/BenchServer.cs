using Monitor.Hosting;

namespace Monitor.Bench;

/// <summary>The real server as the bench runs it: on a free loopback port, in a data folder of its own, without seeds, quiet.</summary>
public static class BenchServer
{
    /// <param name="settings">More configuration as Key=Value.</param>
    public static WebApplication Build(string dataDirectory, string analystKey, params IEnumerable<string> settings) =>
        MonitorServer.Build(["--urls", "http://127.0.0.1:0", "--Monitor:DataDirectory=" + dataDirectory, "--Monitor:SeedPath=",
            "--Monitor:Auth:AnalystKeys:0=" + analystKey, "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", .. settings.Select(setting => "--" + setting)]);
}
