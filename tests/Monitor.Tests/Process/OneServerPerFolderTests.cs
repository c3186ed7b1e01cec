using System.Net;
using Monitor.Bench;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Recording;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>One server per data folder; and a writer that gets past that rule (a migration, sqlite3) cannot wedge the one serving.</summary>
public sealed class OneServerPerFolderTests
{
    private const string Key = "one-server-analyst-key";

    [Fact]
    public async Task A_second_server_on_the_same_folder_exits_saying_so_and_the_first_serves_on()
    {
        using var data = new TempFolder();
        using var first = await ServerProcess.StartAsync(data.Path, Key);

        using var second = ServerProcess.Launch(data.Path, Key);
        Assert.Equal(1, await second.ExitCodeAsync());
        Assert.Contains($"Another monitor server is running on the data folder {data.Path}", second.Output);
        Assert.Contains("Stop that server first, or give this one a folder of its own with --data DIR", second.Output);

        using var http = first.Client(Key);
        var response = await http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_writer_in_another_process_makes_the_server_decide_again_never_refuse_for_good()
    {
        using var data = new TempFolder();
        using var server = await ServerProcess.StartAsync(data.Path, Key);
        using var http = server.Client(Key);
        await using var outsider = new SqliteEventStore(StoreFiles.Database(data.Path), TimeProvider.System);
        var ledger = new SyntheticLedger(100);
        var developments = await TotalAsync(http);

        for (var round = 0; round < 3; round++)
        {
            await outsider.AppendAsync(Ledger.StreamName, ExpectedRevision.Any, [ledger.Next()]);
            var withTheirs = ++developments;
            await Eventually.TrueAsync(async () => await TotalAsync(http) == withTheirs, "the server to read the other writer's development");
            Assert.Equal(HttpStatusCode.Created, await RecordAsync(http));
            developments++;
        }

        var theirs = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await outsider.AppendAsync(Ledger.StreamName, ExpectedRevision.Any, [ledger.Next()]);
                await Task.Delay(25);
            }
        });
        var ours = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RecordAsync(http)));
        await theirs;
        Assert.All(ours, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.DoesNotContain("UNIQUE constraint failed", server.Output);
    }

    private static async Task<int> TotalAsync(HttpClient http) =>
        (await http.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();

    /// <summary>Records a development, sending it again after each 503 as its Retry-After says, for up to 30 s.</summary>
    private static async Task<HttpStatusCode> RecordAsync(HttpClient http)
    {
        var body = ApiJson.Development(kind: "context").ToJsonString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await http.PostAsync("/api/developments", ApiJson.Body(body));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline) return response.StatusCode;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
