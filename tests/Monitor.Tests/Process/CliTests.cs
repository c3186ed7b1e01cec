using System.Text.Json;

namespace Monitor.Tests.Process;

/// <summary>The client commands, run as a user runs them, against a real server process.</summary>
public sealed partial class CliTests : IAsyncLifetime
{
    private const string Key = "cli-test-analyst-key";
    private readonly TempFolder _data = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(_data.Path, Key);

    public Task DisposeAsync()
    {
        _server.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Status_as_of_a_date_prints_each_channel()
    {
        var (code, output, _) = await Monitor("status", "--as-of", "2023-07-15");
        Assert.Equal(0, code);
        Assert.Matches(@"military\s+suspended\s+August 2022", output);
        Assert.Contains("as of 2023-07-15", output);
    }

    [Fact]
    public async Task Record_from_a_file_then_status_shows_the_change_and_retract_undoes_it()
    {
        var file = Path.Combine(_data.Path, "development.json");
        await File.WriteAllTextAsync(file, """
            {"channels": ["theater-commander"], "kind": "contact-held", "occurredOn": "2024-09-10",
             "summary": "Theater commanders held a call.",
             "sources": [{"title": "Commanders talk", "publisher": "Test Wire", "publishedOn": "2024-09-10", "evidence": "held a call"}]}
            """);
        var (code, output, error) = await Monitor("record", "--file", file, "--key", Key, "--json");
        Assert.True(code == 0, error);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;

        Assert.Matches(@"theater-commander\s+active\s+10 Sep 2024", (await Monitor("status")).Output);
        Assert.Equal(0, (await Monitor("retract", id, "--reason", "Never happened.", "--key", Key)).Code);
        Assert.Matches(@"theater-commander\s+pending", (await Monitor("status")).Output);
    }

    [Fact]
    public async Task Bad_input_is_explained_field_by_field_with_a_non_zero_exit()
    {
        var (code, _, error) = await Monitor("record", "--key", Key, "--channel", "navy", "--kind", "contact-held", "--occurred-on", "2024-13",
            "--summary", "x", "--source-title", "t", "--source-publisher", "p", "--source-published-on", "2024", "--evidence", "e");
        Assert.Equal(1, code);
        Assert.Contains("channels[0]: Unknown channel 'navy'", error);
        Assert.Contains("occurredOn:", error);
    }

    [Fact]
    public async Task Subscribe_list_and_unsubscribe_without_ever_printing_the_secret()
    {
        var (code, output, error) = await Monitor("subscribe", "--channel", "military", "--kind", "status-changed", "--kind", "history-revised",
            "--webhook", "https://hooks.example.org/monitor", "--secret", "cli-secret-value", "--key", Key, "--json");
        Assert.True(code == 0, error);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
        Assert.DoesNotContain("cli-secret-value", output);

        var listing = await Monitor("subscriptions", "--key", Key);
        Assert.Matches($@"{id}\s+military\s+status-changed,history-revised\s+https://hooks.example.org/monitor", listing.Output);
        Assert.DoesNotContain("cli-secret-value", listing.Output);

        Assert.Equal(0, (await Monitor("unsubscribe", id, "--key", Key)).Code);
        Assert.DoesNotContain(id, (await Monitor("subscriptions", "--key", Key)).Output);
        var again = await Monitor("unsubscribe", id, "--key", Key);
        Assert.Equal(1, again.Code);
        Assert.Contains($"No subscription {id} in force", again.Error);
    }

    [Fact]
    public async Task A_bad_subscription_is_explained_and_alerts_are_listed()
    {
        var (code, _, error) = await Monitor("subscribe", "--channel", "navy", "--webhook", "ftp://example.org", "--secret", "s", "--key", Key);
        Assert.Equal(1, code);
        Assert.Contains("channels[0]: Unknown channel 'navy'", error);
        Assert.Contains("webhook.url:", error);

        // The seeded history raises no change alert; a new development does.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal(0, (await Monitor("record", "--key", Key, "--channel", "military", "--kind", "suspended", "--occurred-on", today,
            "--summary", "Talks cut off.", "--source-title", "Cut off", "--source-publisher", "Wire", "--source-published-on", today,
            "--evidence", "cut off")).Code);
        await Eventually.TrueAsync(async () => await Monitor("alerts", "--channel", "military") is { Code: 0 } alerts
            && System.Text.RegularExpressions.Regex.IsMatch(alerts.Output, @"status-changed\s+military\s+active → suspended"), "the change listed");
    }

    [Fact]
    public async Task A_missing_key_says_how_to_give_one()
    {
        var (code, _, error) = await Monitor("retract", Guid.NewGuid().ToString(), "--reason", "x");
        Assert.Equal(1, code);
        Assert.Contains("401", error);
        Assert.Contains("--key", error);
    }

    [Fact]
    public async Task An_unreachable_server_says_how_to_start_one()
    {
        var (code, _, error) = await Run("status", "--server", "http://127.0.0.1:1");
        Assert.Equal(3, code);
        Assert.Contains("serve", error);
    }

    [Theory]
    [InlineData("serve", "--dat", "elsewhere")]     // a misspelt --data: the server would start on ./data
    [InlineData("serve", "elsewhere")]
    [InlineData("migrate", "--dta", "elsewhere")]
    public async Task A_word_that_is_neither_an_option_nor_a_setting_is_refused_and_nothing_is_started(params string[] args)
    {
        using var folder = new TempFolder();

        var (code, _, error) = await MonitorCli.RunAsync(folder.Path, args);

        Assert.Equal(1, code);
        Assert.Contains($"monitor {args[0]} --help", error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path)); // no ./data made, no store seeded
    }

    [Fact]
    public async Task A_server_address_that_is_no_web_address_is_refused_in_a_line()
    {
        var (code, _, error) = await Run("status", "--server", "localhost");
        Assert.Equal(1, code);
        Assert.Contains("--server localhost is not an http(s) address", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public async Task Serve_on_a_port_already_taken_says_so_in_a_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        using var folder = new TempFolder();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = await MonitorCli.RunAsync(folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", folder.Path,
            "--Monitor:SeedPath=", "--Monitor:Auth:AnalystKeys:0=cli-test-analyst-key-0123");

        Assert.Equal(1, code);
        Assert.Contains("monitor serve: not started", error);
        Assert.DoesNotContain("   at ", error);
    }

    private Task<(int Code, string Output, string Error)> Monitor(params string[] args) =>
        Run([.. args, "--server", _server.Address.ToString()]);

    private Task<(int Code, string Output, string Error)> Run(params string[] args) => MonitorCli.RunAsync(_data.Path, args);
}
