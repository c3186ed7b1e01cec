using System.Net.Sockets;
using System.Text;

namespace Monitor.Tests.Api;

/// <summary>Bodies that are too big or too slow get their own status as a problem, never a 500, and write nothing.</summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        var chunk = new string(' ', 1024);
        var body = new StringBuilder();
        for (var i = 0; i < 200; i++) body.Append($"{chunk.Length:X}\r\n{chunk}\r\n");
        body.Append("0\r\n\r\n");
        var (status, text) = await SendRawAsync("Transfer-Encoding: chunked\r\n", body.ToString());
        Assert.Equal(413, status);
        Assert.Contains("application/problem+json", text);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_408()
    {
        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) gives up on it.
        var (status, text) = await SendRawAsync("Content-Length: 1000\r\n", """{"summary": "a""", keepOpen: TimeSpan.FromSeconds(30));
        Assert.Equal(408, status);
        Assert.Contains("application/problem+json", text);
        Assert.Equal(0, (await _host.Reader.GetJson("/api/developments?channel=military&from=2024-09")).GetProperty("total").GetInt32());
    }

    /// <summary>A POST of a development over a bare socket, so that the body can be shaped as no HTTP client would send it.</summary>
    private async Task<(int Status, string Response)> SendRawAsync(string framing, string body, TimeSpan? keepOpen = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.Reader.BaseAddress!.Host, _host.Reader.BaseAddress.Port);
        var stream = tcp.GetStream();
        var request = $"POST /api/developments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {MonitorHost.AnalystKey}\r\n"
            + $"Content-Type: application/json\r\n{framing}\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var timeout = new CancellationTokenSource(keepOpen ?? TimeSpan.FromSeconds(20));
        var response = new StringBuilder();
        var buffer = new byte[8192];
        int read;
        while (!response.ToString().Contains("\r\n\r\n") && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            response.Append(Encoding.UTF8.GetString(buffer, 0, read));
        var text = response.ToString();
        return (int.Parse(text.Split(' ')[1]), text);
    }
}
