using System.Net;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>A real full disk under the data folder (a small tmpfs), not a simulated one.</summary>
public sealed class DiskFullTests
{
    private const string Key = "disk-full-analyst-key";

    [NeedsRootFact]
    public async Task A_full_disk_answers_503_saying_so_is_logged_once_and_passes_without_a_restart()
    {
        using var disk = new SmallDisk(megabytes: 16);
        var data = Path.Combine(disk.Path, "data");
        using var server = await ServerProcess.StartAsync(data, Key);
        using var http = server.Client(Key);
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(http)).StatusCode);

        disk.Fill();
        for (var i = 0; i < 30; i++)
        {
            var refused = await RecordAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
            Assert.Equal($"The disk holding {data} is full: free space there and retry.", (await refused.ReadJson()).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/channels")).StatusCode);
        Assert.Single(server.Output.Split('\n'), line => line.Contains("is full"));
        Assert.DoesNotContain("   at ", server.Output);

        disk.Free();
        var accepted = await RecordAsync(http);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var id = (await accepted.ReadJson()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/developments/{id}")).StatusCode);
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient http) =>
        http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(kind: "context")));
}
