using System.Net;
using System.Text.Json;
using CsvHelper;
using Monitor.Tests.Api;

namespace Monitor.Tests.ForOtherTools;

/// <summary>The developments as CSV and JSON files, read back and compared with the API's list.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_list_asked_for_as_CSV_is_the_same_list_row_for_row()
    {
        var tricky = ApiJson.Development("military", "context", "2024-03");
        tricky["summary"] = "A summary with a comma, \"quotes\"\nand a second line.";
        tricky["actors"] = new System.Text.Json.Nodes.JsonArray("=HYPERLINK(\"https://evil.example\")", "Gen. Brown");
        (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(tricky))).EnsureSuccessStatusCode();

        var json = await _host.Reader.GetJson("/api/developments?channel=military&limit=100");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/developments?channel=military&limit=100");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await _host.Reader.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ReadCsv(await response.Content.ReadAsStringAsync());

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, rows.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(items[i].GetProperty("id").GetString(), rows[i]["id"]);
            Assert.Equal(items[i].GetProperty("summary").GetString(), rows[i]["summary"]);
            Assert.Equal(items[i].GetProperty("occurredOn").GetString(), rows[i]["occurredOn"]);
            Assert.Equal(string.Join("; ", items[i].GetProperty("channels").EnumerateArray().Select(c => c.GetString())), rows[i]["channels"]);
        }
        // A spreadsheet must not take recorded text for a formula.
        Assert.DoesNotContain(rows, row => row["actors"].StartsWith('='));
    }

    [Theory]
    [InlineData("csv", "text/csv", "developments.csv")]
    [InlineData("json", "application/json", "developments.json")]
    public async Task The_export_is_every_match_as_a_file(string format, string type, string file)
    {
        var total = (await _host.Reader.GetJson("/api/developments?kind=context")).GetProperty("total").GetInt32();
        var response = await _host.Reader.GetAsync($"/api/developments/export?kind=context&format={format}");
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(file, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var text = await response.Content.ReadAsStringAsync();
        var kinds = format == "csv" ? ReadCsv(text).Select(r => r["kind"]).ToList()
            : JsonDocument.Parse(text).RootElement.EnumerateArray().Select(d => d.GetProperty("kind").GetString()!).ToList();
        Assert.Equal(total, kinds.Count);
        Assert.All(kinds, kind => Assert.Equal("context", kind));
    }

    [Fact]
    public async Task An_export_in_a_format_there_is_not_is_refused_naming_the_field()
    {
        var response = await _host.Reader.GetAsync("/api/developments/export?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("format", out _));
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.Headers.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => csv.GetString(c.i)));
        return rows;
    }
}
