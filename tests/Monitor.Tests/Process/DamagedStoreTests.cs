using System.Net;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>
/// A damaged store is never served as if whole: `serve` refuses it, naming where and what to do, and
/// `monitor verify` names the same problem. Each test damages its own copy of a real store.
/// </summary>
public sealed class DamagedStoreTests(DamagedStoreTests.RealStore store) : IClassFixture<DamagedStoreTests.RealStore>, IDisposable
{
    private readonly TempFolder _copy = new();

    [Fact]
    public async Task An_undecodable_event_stops_serve_naming_its_position_and_verify_names_it_too()
    {
        StoreFiles.CopyFolder(store.Folder, _copy.Path);
        var position = StoreFiles.PositionOf(_copy.Path, RealStore.Marker);
        StoreFiles.Execute(_copy.Path, "UPDATE events SET data = CAST('{\"broken' AS BLOB) WHERE position = $p", ("$p", position));

        var output = await RefusedServeAsync();
        Assert.Contains($"The event at position {position} ", output);
        Assert.Contains("cannot be decoded", output);
        Assert.Contains("monitor verify", output);

        var (code, _, error) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains($"The event at position {position} ", error);
    }

    [Fact]
    public async Task A_corrupted_page_stops_serve_naming_the_page()
    {
        StoreFiles.CopyFolder(store.Folder, _copy.Path);
        var page = StoreFiles.CorruptPageHolding(_copy.Path, RealStore.Marker);

        var output = await RefusedServeAsync();
        Assert.Contains($"{StoreFiles.Database(_copy.Path)} is damaged", output);
        Assert.DoesNotContain("Hosting failed to start", output);
        Assert.Contains($"page {page}: ", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"monitor verify --data {_copy.Path}", output);

        var (code, _, error) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains("SQLite's integrity check fails", error);
        Assert.Contains($"page {page}: ", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_emptied_store_is_refused_not_seeded_again()
    {
        StoreFiles.CopyFolder(store.Folder, _copy.Path);
        await File.WriteAllBytesAsync(StoreFiles.Database(_copy.Path), []);

        var output = await RefusedServeAsync();
        Assert.Contains("holds no events", output);
        Assert.Contains("monitor.db.has-history", output);
        Assert.Contains("restore the latest backup", output);
        Assert.Equal(0, StoreFiles.Scalar(_copy.Path, "SELECT COUNT(*) FROM events"));

        var (code, _, error) = await VerifyAsync();
        Assert.Equal(1, code);
        Assert.Contains("holds no events", error);
    }

    [Fact]
    public async Task A_missing_store_is_refused_not_created_afresh()
    {
        StoreFiles.CopyFolder(store.Folder, _copy.Path);
        File.Delete(StoreFiles.Database(_copy.Path));

        var output = await RefusedServeAsync();
        Assert.Contains("is missing", output);
        Assert.False(File.Exists(StoreFiles.Database(_copy.Path)));
    }

    [Fact]
    public async Task Verify_summarises_a_whole_store()
    {
        StoreFiles.CopyFolder(store.Folder, _copy.Path);
        var events = StoreFiles.Scalar(_copy.Path, "SELECT COUNT(*) FROM events");

        var (code, output, error) = await VerifyAsync();
        Assert.True(code == 0, error);
        Assert.Contains($"{StoreFiles.Database(_copy.Path)} is whole.", output);
        Assert.Matches($@"events\s+{events}, at positions 1 to {events}, none missing", output);
        Assert.Matches(@"developments\s+20\b", output);
        Assert.Matches(@"recorded\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ to \d{4}-", output);
    }

    public void Dispose() => _copy.Dispose();

    private async Task<string> RefusedServeAsync()
    {
        using var server = ServerProcess.Launch(_copy.Path, RealStore.Key);
        Assert.Equal(1, await server.ExitCodeAsync());
        return server.Output;
    }

    private Task<(int Code, string Output, string Error)> VerifyAsync() => MonitorCli.RunAsync(_copy.Path, "verify", "--data", _copy.Path);

    /// <summary>A store a real server wrote: the seeds and three developments, one of them easy to find in the file.</summary>
    public sealed class RealStore : IAsyncLifetime
    {
        public const string Key = "damage-test-analyst-key";
        public const string Marker = "Damage-test marker: the page holding this development is the one to corrupt.";
        private readonly TempFolder _folder = new();

        public string Folder => _folder.Path;

        public async Task InitializeAsync()
        {
            using var server = await ServerProcess.StartAsync(Folder, Key);
            using var http = server.Client(Key);
            foreach (var summary in new[] { "Before the marker.", Marker, "After the marker." })
            {
                var body = ApiJson.Development(kind: "context");
                body["summary"] = summary;
                Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/developments", ApiJson.Body(body))).StatusCode);
            }
            server.KillHard();
        }

        public Task DisposeAsync()
        {
            _folder.Dispose();
            return Task.CompletedTask;
        }
    }
}
