using System.Net;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;
using Monitor.Tests.EventStore;

namespace Monitor.Tests.Process;

/// <summary>
/// Several `monitor serve` processes on one PostgreSQL log, as behind a load balancer: each follows the shared log
/// from its own checkpoint, so a write on one is read on the other shortly after, and every question gets the same
/// answer from each, a late starter included.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstancesTests(PostgresServer postgres)
{
    private const string Key = "two-instances-analyst-key";

    /// <summary>Questions whose answers must not depend on the instance asked.</summary>
    private static readonly string[] Questions =
    [
        "/api/channels",
        "/api/channels?asOf=2023-07-15",
        "/api/channels?asOf=2024-06-01&reportedBy=2023-12-31",
        "/api/channels/military/timeline?asOf=2025-01-31",
        "/api/developments?limit=500",
    ];

    [Fact]
    public async Task Writes_on_either_instance_are_read_on_both_and_every_answer_agrees_a_late_starter_included()
    {
        string[] settings = ["Monitor:Store=postgres", "ConnectionStrings:Postgres=" + await postgres.CreateDatabaseAsync()];
        using var folderA = new TempFolder();
        using var folderB = new TempFolder();
        // Started together on an empty database: both would seed it; exactly one may.
        var starting = new[] { ServerProcess.StartAsync(folderA.Path, Key, settings), ServerProcess.StartAsync(folderB.Path, Key, settings) };
        using var a = await starting[0];
        using var b = await starting[1];
        using var onA = a.Client(Key);
        using var onB = b.Client(Key);
        Assert.Equal(17, await TotalAsync(onA));

        var posted = new List<string>();
        foreach (var (writer, day) in new[] { (onA, 10), (onB, 11), (onA, 12), (onB, 13) })
        {
            var response = await writer.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development("military", "contact-held", $"2025-01-{day}")));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.ReadJson()).GetProperty("id").GetString()!;
            posted.Add(id);
            // Read-your-writes on the instance written to: no waiting.
            Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/developments/{id}")).StatusCode);
        }
        var other = posted.Select((id, i) => (id, reader: i % 2 == 0 ? onB : onA));
        foreach (var (id, reader) in other)
            await Eventually.TrueAsync(async () => (await reader.GetAsync($"/api/developments/{id}")).StatusCode == HttpStatusCode.OK,
                "a write on one instance to be read on the other", seconds: 5);

        using var folderC = new TempFolder();
        using var late = await ServerProcess.StartAsync(folderC.Path, Key, settings);
        using var onC = late.Client(Key);
        Assert.Equal(17 + posted.Count, await TotalAsync(onC));
        foreach (var question in Questions)
        {
            var answer = await onA.GetStringAsync(question);
            Assert.Equal(answer, await onB.GetStringAsync(question));
            Assert.Equal(answer, await onC.GetStringAsync(question));
        }
    }

    [Fact]
    public async Task Writes_sent_through_both_instances_at_once_are_all_recorded_though_each_append_races_the_other()
    {
        string[] settings = ["Monitor:Store=postgres", "ConnectionStrings:Postgres=" + await postgres.CreateDatabaseAsync(), "Monitor:SeedPath="];
        using var folderA = new TempFolder();
        using var folderB = new TempFolder();
        using var a = await ServerProcess.StartAsync(folderA.Path, Key, settings);
        using var b = await ServerProcess.StartAsync(folderB.Path, Key, settings);
        using var onA = a.Client(Key);
        using var onB = b.Client(Key);

        // One ledger stream: every append expects the revision the other instance may just have taken.
        const int each = 30;
        await Task.WhenAll(RecordAsync(onA, "military"), RecordAsync(onB, "theater-commander"));
        Assert.Equal(2 * each, await TotalAsync(onA));

        static async Task RecordAsync(HttpClient analyst, string channel)
        {
            for (var day = 1; day <= each; day++)
                await analyst.RecordAsync(day % 2 == 1 ? "suspended" : "contact-held", $"2025-03-{day:00}", channel);
        }
    }

    private static async Task<int> TotalAsync(HttpClient http) =>
        (await http.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();
}
