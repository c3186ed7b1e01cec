using Microsoft.Playwright;
using Monitor.Tests.Api;

namespace Monitor.Tests.Dashboard;

/// <summary>A channel with a long history stays legible: close marks merge, earlier intervals fold away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongHistoryInBrowserTests(Chromium chromium)
{
    private const int Developments = 1_500;

    [Fact]
    public async Task Thousands_of_developments_draw_as_a_few_hundred_marks_and_a_short_list()
    {
        await using var host = await MonitorHost.StartAsync();
        var kinds = new[] { "contact-held", "suspended", "declined", "restoration-agreed", "context" };
        for (var i = 0; i < Developments; i++)
        {
            var body = ApiJson.Development("military", kinds[i % kinds.Length], $"{1990 + i / 60:D4}-{1 + i % 12:D2}-{1 + i % 28:D2}");
            var response = await host.Analyst.PostAsync("/api/developments", ApiJson.Body(body));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        var timeline = await host.Reader.GetJson("/api/channels/military/timeline");
        var intervals = timeline.GetProperty("intervals").GetArrayLength();

        var page = await chromium.OpenAsync(host.Reader.BaseAddress!);
        await page.ExpectStatusAsync("military", "active");
        var marks = page.Locator("#timeline-military .mark");
        await Assertions.Expect(marks.First).ToBeVisibleAsync();
        var drawn = await marks.CountAsync();
        Assert.InRange(drawn, 20, 200);
        var grouped = await page.Locator("#timeline-military .mark text").CountAsync();
        Assert.True(grouped > 0, "No mark stands for several developments.");
        await Assertions.Expect(page.Locator("#timeline-military .intervals > li.interval")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#timeline-military .intervals summary")).ToHaveTextAsync($"{intervals - 3:N0} earlier");
    }
}
