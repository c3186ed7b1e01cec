using System.Text.RegularExpressions;

namespace Monitor.Tests.Process;

/// <summary>The first run, as a new user makes it: `serve` with no flags, then the CLI from another folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes
public sealed class FirstRunTests
{
    [Fact]
    public async Task Serve_keeps_its_data_in_the_folder_it_runs_from_and_its_key_outside_it_where_the_CLI_finds_it()
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();
        using var elsewhere = new TempFolder();
        using (var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path))
        {
            var data = Path.Combine(clone.Path, "data");
            var key = Path.Combine(config.Path, "monitor", "analyst-key");
            Assert.True(File.Exists(Path.Combine(data, "monitor.db")), "No store in ./data of the folder serve ran from.");
            Assert.False(File.Exists(Path.Combine(data, "analyst-key")), "The key was written into the data folder.");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            await Eventually.TrueAsync(() => server.Output.Contains("Analyst key: " + key), "serve said where the key is");
            Assert.Contains($"Dashboard: {server.Address}", server.Output);
            Assert.Contains($"Data: {data}", server.Output);

            var (code, output, error) = await MonitorCli.RunAsUserAsync(elsewhere.Path, config.Path, "record", "--server", server.Address.ToString(),
                "--channel", "military", "--kind", "context", "--occurred-on", "2024-05", "--summary", "A first development.",
                "--source-title", "First", "--source-publisher", "Example Wire", "--source-published-on", "2024-05", "--evidence", "It began.");
            Assert.True(code == 0, error);
            Assert.Matches(new Regex("Recorded [0-9a-f-]{36}"), output);
        }
    }

    [Fact]
    public async Task A_key_an_earlier_version_left_in_the_data_folder_moves_out_of_it_and_still_works()
    {
        using var clone = new TempFolder();
        using var config = new TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(clone.Path, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "analyst-key"), "an-earlier-installs-key-0123456789");

        using var server = await ServerProcess.StartAsNewUserAsync(clone.Path, config.Path);

        Assert.False(File.Exists(Path.Combine(data, "analyst-key")));
        Assert.Equal("an-earlier-installs-key-0123456789", await File.ReadAllTextAsync(Path.Combine(config.Path, "monitor", "analyst-key")));
        using var http = server.Client("an-earlier-installs-key-0123456789");
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await http.PostAsync("/api/developments", Api.ApiJson.Body(Api.ApiJson.Development(kind: "context")))).StatusCode);
    }
}
