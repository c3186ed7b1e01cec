using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Monitor.Tests.Api;

namespace Monitor.Tests.Dashboard;

/// <summary>The page kept live, and the analyst's forms, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnalystInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_development_recorded_through_the_API_appears_on_the_open_page_without_a_reload()
    {
        await using var host = await MonitorHost.StartAsync();
        var page = await chromium.OpenAsync(host.Reader.BaseAddress!);
        await page.ExpectStatusAsync("theater-commander", "pending");
        await page.WaitUntilLiveAsync();
        await page.EvaluateAsync("window.loadedOnce = true");

        var body = ApiJson.Development("theater-commander", "contact-held", "2024-09-10");
        body["summary"] = "Adm. Paparo held a video call with the Southern Theater commander.";
        var response = await host.Analyst.PostAsync("/api/developments", ApiJson.Body(body));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        await page.ExpectStatusAsync("theater-commander", "active");
        await Assertions.Expect(page.Locator("#developments")).ToContainTextAsync("Adm. Paparo held a video call");
        await Assertions.Expect(page.Locator("#toasts")).ToContainTextAsync("Theater commanders: pending → active");
        Assert.True(await page.EvaluateAsync<bool>("window.loadedOnce === true"), "The page was reloaded.");
    }

    [Fact]
    public async Task The_record_form_shows_the_field_the_API_refused_and_nothing_is_written()
    {
        await using var host = await MonitorHost.StartAsync();
        var before = (await host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32();
        var page = await chromium.OpenAsync(host.Reader.BaseAddress!);
        await page.SetAnalystKeyAsync(MonitorHost.AnalystKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a development" }).ClickAsync();
        var form = page.Locator("#edit-dialog");
        await form.GetByLabel("Military-to-military").CheckAsync();
        await form.GetByLabel("Kind").SelectOptionAsync("contact-held");
        await form.GetByLabel("Occurred on").FillAsync("2024-02-30");
        await form.GetByLabel("Summary").FillAsync("Talks held.");
        await form.GetByLabel("Title").FillAsync("Talks held");
        await form.GetByLabel("Publisher").FillAsync("Example Wire");
        await form.GetByLabel("Published on").FillAsync("2024-03-01");
        await form.GetByLabel("Evidence").FillAsync("Talks were held.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        var occurredOn = form.GetByLabel("Occurred on");
        await Assertions.Expect(occurredOn).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(form.Locator(".field[data-name=occurredOn] .field-error")).ToContainTextAsync("not a real date");
        await Assertions.Expect(occurredOn).ToBeFocusedAsync();
        Assert.Equal(before, (await host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32());

        await occurredOn.FillAsync("2024-02-29");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#developments")).ToContainTextAsync("Talks held.");
        Assert.Equal(before + 1, (await host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_analyst_retracts_from_the_page_and_a_wrong_key_is_said_so()
    {
        await using var host = await MonitorHost.StartAsync();
        var page = await chromium.OpenAsync(host.Reader.BaseAddress!, "/?kind=contact-planned");
        await page.SetAnalystKeyAsync("not-the-analyst-key-at-all");
        var entry = page.Locator("#developments > li").First;
        await entry.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        var form = page.Locator("#edit-dialog");
        await form.GetByLabel("Reason").FillAsync("The plan was never made.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await Assertions.Expect(form.Locator("#edit-errors")).ToContainTextAsync("analyst key was refused");
        await form.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await page.SetAnalystKeyAsync(MonitorHost.AnalystKey);
        await entry.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await form.GetByLabel("Reason").FillAsync("The plan was never made.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Retract" }).ClickAsync();
        await Assertions.Expect(entry.Locator(".retraction")).ToContainTextAsync("The plan was never made.");
        var listed = await host.Reader.GetJson("/api/developments?kind=contact-planned");
        Assert.Equal("retracted", listed.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_page_reconnects_by_itself_after_the_server_restarts()
    {
        using var data = new TempFolder();
        var port = FreePort();
        var settings = new[] { $"urls=http://127.0.0.1:{port}" };
        var first = await MonitorHost.StartAsync(data.Path, settings);
        var page = await chromium.OpenAsync(first.Reader.BaseAddress!);
        await page.WaitUntilLiveAsync();
        await first.DisposeAsync();
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "reconnecting");

        await using var second = await MonitorHost.StartAsync(data.Path, settings);
        await page.WaitUntilLiveAsync();
        var body = ApiJson.Development("defense-minister", "contact-held", "2024-12-03");
        body["summary"] = "The defense chiefs spoke by video link.";
        (await second.Analyst.PostAsync("/api/developments", ApiJson.Body(body))).EnsureSuccessStatusCode();
        await page.ExpectStatusAsync("defense-minister", "active");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
