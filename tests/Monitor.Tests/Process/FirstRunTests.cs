using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Tests.Process;

/// <summary>The first run, as a new user makes it: `serve` with no flags, then the CLI from another folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public sealed class FirstRunTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the Web SDK started `dotnet run` in src/Monitor, so ./data landed in the source tree
    public async Task Serve_keeps_its_data_in_the_folder_it_runs_from_and_its_key_outside_it_where_the_CLI_finds_it(bool throughDotnetRun)
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();
        using var elsewhere = new TempFolder();
        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path, throughDotnetRun);
        var data = Path.Combine(clone.Path, "data");
        var key = Path.Combine(config.Path, "monitor", "analyst-key");
        Assert.True(File.Exists(Path.Combine(data, "monitor.db")), "No store in ./data of the folder serve ran from.");
        Assert.False(File.Exists(Path.Combine(data, "analyst-key")), "The key was written into the data folder.");
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(key));
        Assert.Equal(OwnerOnlyFile | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(key)!));
        await Eventually.TrueAsync(() => server.Output.Contains("Analyst key: " + key), "serve to say where the key is");
        Assert.Contains($"Dashboard: {server.Address}", server.Output);
        Assert.Contains($"Data: {data}", server.Output);

        var (code, output, error) = await MonitorCli.RunAsUserAsync(elsewhere.Path, config.Path, "record", "--server", server.Address.ToString(),
            "--channel", "military", "--kind", "context", "--occurred-on", "2024-05", "--summary", "A first development.",
            "--source-title", "First", "--source-publisher", "Example Wire", "--source-published-on", "2024-05", "--evidence", "It began.");
        Assert.True(code == 0, error);
        Assert.Matches(new Regex("Recorded [0-9a-f-]{36}"), output);
    }

    [Fact]
    public async Task Serve_writes_nothing_in_the_users_home_but_its_key()
    {
        using var clone = new TempFolder();
        using var home = new TempFolder();
        var config = Path.Combine(home.Path, ".config");
        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config, home: home.Path);
        await AssertWritesWithAsync(server, await File.ReadAllTextAsync(Path.Combine(config, "monitor", "analyst-key")));

        // ASP.NET Core's authentication brought data protection, which kept a key ring in ~/.aspnet that nothing used.
        var written = Directory.GetFiles(home.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(home.Path, f));
        Assert.Equal([Path.Combine(".config", "monitor", "analyst-key")], written);
    }

    [Fact]
    public async Task A_key_an_earlier_version_left_in_the_data_folder_moves_out_of_it_and_still_works()
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();
        var legacy = await EarlierKeyAsync(clone.Path, "an-earlier-installs-key-0123456789");
        var key = Path.Combine(config.Path, "monitor", "analyst-key");

        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path);

        Assert.False(File.Exists(legacy));
        Assert.Equal("an-earlier-installs-key-0123456789", await File.ReadAllTextAsync(key));
        await Eventually.TrueAsync(() => server.Output.Contains($"Moved the analyst key from {legacy} to {key}."), "serve to say it moved the key");
        await AssertWritesWithAsync(server, "an-earlier-installs-key-0123456789");
    }

    [Fact]
    public async Task With_a_key_in_the_configuration_folder_already_an_earlier_one_is_left_and_said_to_be_unused()
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();
        var legacy = await EarlierKeyAsync(clone.Path, "an-earlier-installs-key-0123456789");
        Directory.CreateDirectory(Path.Combine(config.Path, "monitor"));
        await File.WriteAllTextAsync(Path.Combine(config.Path, "monitor", "analyst-key"), "this-users-key-from-another-server");

        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path);

        await Eventually.TrueAsync(() => server.Output.Contains($"{legacy} is left from an earlier version and no longer used: delete it."),
            "serve to say the earlier key is unused");
        await AssertWritesWithAsync(server, "this-users-key-from-another-server");
    }

    [Fact]
    public async Task With_json_logs_what_serve_tells_is_a_log_event_and_every_line_is_json()
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();

        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path, settings: "Logging:Console:FormatterName=json");

        await Eventually.TrueAsync(() => server.Output.Contains("\"Dashboards\""), "the dashboard's address in the log");
        var told = server.Output.Split('\n').Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement)
            .Single(e => e.GetProperty("State").TryGetProperty("Dashboards", out _)).GetProperty("State");
        Assert.Equal(server.Address.ToString(), told.GetProperty("Dashboards").GetString());
        Assert.Equal(Path.Combine(config.Path, "monitor", "analyst-key"), told.GetProperty("KeyFile").GetString());
    }

    private static async Task<string> EarlierKeyAsync(string clone, string key)
    {
        var legacy = Path.Combine(Directory.CreateDirectory(Path.Combine(clone, "data")).FullName, "analyst-key");
        await File.WriteAllTextAsync(legacy, key);
        return legacy;
    }

    private static async Task AssertWritesWithAsync(ServerProcess server, string key)
    {
        using var http = server.Client(key);
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await http.PostAsync("/api/developments", Api.ApiJson.Body(Api.ApiJson.Development(kind: "context")))).StatusCode);
    }
}
