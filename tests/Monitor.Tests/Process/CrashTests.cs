using System.Collections.Concurrent;
using System.Net;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

public sealed class CrashTests
{
    private const string Key = "crash-test-key";

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_of_the_server()
    {
        using var data = new TempFolder();
        var acknowledged = new ConcurrentBag<Guid>();
        using (var server = await ServerProcess.StartAsync(data.Path, Key))
        {
            using var http = server.Client(Key);
            using var enough = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !enough.IsCancellationRequested; i++)
                {
                    try
                    {
                        var response = await http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context", occurredOn: "2024-0" + (1 + i % 9))));
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add((await response.ReadJson()).GetProperty("id").GetGuid());
                        if (acknowledged.Count >= 60) await enough.CancelAsync();
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToList();
            while (acknowledged.Count < 60 && writers.Any(w => !w.IsCompleted)) await Task.Delay(5);
            server.KillHard(); // while writers are still sending
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 60);

        using var restarted = await ServerProcess.StartAsync(data.Path, Key);
        using var reader = restarted.Client(Key);
        foreach (var id in acknowledged)
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/developments/{id}")).StatusCode);
        var seeded = (await reader.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();
        Assert.True(seeded >= 16 + acknowledged.Count, $"{seeded} developments after restart, {acknowledged.Count} acknowledged");
    }
}
