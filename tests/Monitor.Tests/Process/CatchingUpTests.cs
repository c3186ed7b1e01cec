using System.Net;
using Microsoft.Data.Sqlite;
using Monitor.Bench;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Recording;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

public sealed class CatchingUpTests
{
    private const string Key = "catching-up-analyst-key";
    // About a second of rebuild here: long enough that a read and a write sent together both find it catching up.
    private const int Events = 150_000;
    private const int FillBatch = 4_096;

    [Fact]
    public async Task While_the_read_models_catch_up_reads_and_writes_answer_503_with_retry_after()
    {
        using var data = new TempFolder();
        await using (var store = new SqliteEventStore(StoreFiles.Database(data.Path), TimeProvider.System))
        {
            var ledger = new SyntheticLedger(Events);
            for (var filled = 0; filled < Events; filled += FillBatch)
                await store.AppendAsync(Ledger.StreamName, ExpectedRevision.Any, ledger.Next(FillBatch));
        }
        SqliteConnection.ClearAllPools();

        using var server = ServerProcess.Launch(data.Path, Key);
        using var http = server.Client(Key);
        var (reads, writes) = (0, 0);
        while (true)
        {
            HttpResponseMessage read, write;
            try
            {
                // Together, so both meet the same moment of the catch-up.
                var reading = http.GetAsync("/api/channels");
                var writing = http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context")));
                (read, write) = (await reading, await writing);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20); // not listening yet
                continue;
            }
            if (read.StatusCode == HttpStatusCode.OK && write.StatusCode == HttpStatusCode.Created) break;
            foreach (var response in new[] { read, write }.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable))
            {
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("catching up", (await response.ReadJson()).GetProperty("detail").GetString());
            }
            // While catching up, /health says so in its status; once it answers 200 it is ready.
            var health = await http.GetAsync("/health");
            Assert.Equal(health.StatusCode == HttpStatusCode.OK ? "ready" : "catching up",
                (await health.ReadJson()).GetProperty("status").GetString());
            await Task.Delay(50);
            reads += read.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            writes += write.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            Assert.True(reads + writes > 0, $"GET {(int)read.StatusCode}, POST {(int)write.StatusCode} before the read models caught up");
        }
        Assert.True(reads > 0 && writes > 0, $"{reads} reads and {writes} writes answered 503 while catching up");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }
}
