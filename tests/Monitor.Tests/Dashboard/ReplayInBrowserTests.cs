using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Monitor.Tests.Api;

namespace Monitor.Tests.Dashboard;

/// <summary>The board, the timelines and the replay over the seeded history, read in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplayInBrowserTests(Chromium chromium) : IAsyncLifetime
{
    private readonly MonitorHost _host = new();
    private Uri Server => _host.Reader.BaseAddress!;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_board_shows_each_channel_with_the_status_the_API_gives_and_its_evidence()
    {
        var page = await chromium.OpenAsync(Server);
        var channels = await _host.Reader.GetJson("/api/channels");
        Assert.Equal(3, channels.GetArrayLength());
        await Assertions.Expect(page.Locator(".card")).ToHaveCountAsync(3);
        foreach (var channel in channels.EnumerateArray())
        {
            var id = channel.GetProperty("id").GetString()!;
            await page.ExpectStatusAsync(id, channel.GetProperty("status").GetString()!);
            // Since when, with the precision the sources give ("December 2023", not a made-up day).
            await Assertions.Expect(page.Card(id).Locator(".since")).ToContainTextAsync(channel.GetProperty("sinceText").GetString()!);
            var quote = channel.GetProperty("cause").GetProperty("sources")[0].GetProperty("evidence").GetString()!;
            await Assertions.Expect(page.Card(id).Locator(".why blockquote").First).ToHaveTextAsync(quote);
        }
        await Assertions.Expect(page.Card("military").Locator(".contact")).ToContainTextAsync("29 Aug 2024");

        Directory.CreateDirectory(Chromium.Screenshots);
        var file = Path.Combine(Chromium.Screenshots, "dashboard-today.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(file)[..4]);
    }

    [Fact]
    public async Task Setting_the_date_to_15_July_2023_shows_all_three_suspended_and_puts_it_in_the_url()
    {
        var page = await chromium.OpenAsync(Server);
        await page.ExpectStatusAsync("military", "active");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2023-07-15");
        foreach (var channel in new[] { "military", "theater-commander", "defense-minister" })
            await page.ExpectStatusAsync(channel, "suspended");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?asOf=2023-07-15$"));
        await Assertions.Expect(page.Locator("#as-of-said")).ToHaveTextAsync("Status on 15 Jul 2023.");
        // The timeline ends on the day replayed: its last interval runs "to this date".
        await Assertions.Expect(page.Locator("#timeline-military .intervals li").Last).ToContainTextAsync("from August 2022");
        await Assertions.Expect(page.Locator("#timeline-military .intervals li").Last).ToContainTextAsync("to this date");
    }

    [Fact]
    public async Task The_slider_replays_too_and_back_returns_to_the_view_before()
    {
        var page = await chromium.OpenAsync(Server, "/?asOf=2024-03-01");
        await page.ExpectStatusAsync("military", "active");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2023-07-15");
        await page.ExpectStatusAsync("military", "suspended");
        await page.GoBackAsync();
        await page.ExpectStatusAsync("military", "active");
        await Assertions.Expect(page.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync("2024-03-01");

        var slider = page.GetByLabel("Status as of");
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home"); // the first day anything may have happened: nothing is certain yet
        await page.ExpectStatusAsync("military", "unknown");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"asOf=2018-01-01"));
    }

    [Fact]
    public async Task A_shared_link_reproduces_the_replay_the_API_answers()
    {
        const string view = "asOf=2023-12-15&reportedBy=2023-12-31&channel=military";
        var page = await chromium.OpenAsync(Server, "/?" + view);
        var channels = await _host.Reader.GetJson("/api/channels?asOf=2023-12-15&reportedBy=2023-12-31");
        foreach (var channel in channels.EnumerateArray())
            await page.ExpectStatusAsync(channel.GetProperty("id").GetString()!, channel.GetProperty("status").GetString()!);
        await Assertions.Expect(page.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync("2023-12-15");
        await Assertions.Expect(page.GetByLabel("As reported by")).ToHaveValueAsync("2023-12-31");
        await Assertions.Expect(page.GetByLabel("Channel", new() { Exact = true })).ToHaveValueAsync("military");
        var listed = await _host.Reader.GetJson("/api/developments?channel=military");
        await Assertions.Expect(page.Locator("#developments > li")).ToHaveCountAsync(listed.GetProperty("total").GetInt32());
        await Assertions.Expect(page.Locator("#as-of-said")).ToHaveTextAsync("Status on 15 Dec 2023, as reported by 31 Dec 2023.");
    }

    [Fact]
    public async Task A_timeline_mark_shows_its_development_to_the_keyboard()
    {
        var page = await chromium.OpenAsync(Server);
        var mark = page.Locator("#timeline-military .mark").First;
        await mark.FocusAsync();
        var popover = page.Locator("#popover");
        await Assertions.Expect(popover).ToBeVisibleAsync();
        var first = (await _host.Reader.GetJson("/api/channels/military/timeline")).GetProperty("developments")[0].GetProperty("development");
        await Assertions.Expect(popover).ToContainTextAsync(first.GetProperty("occurredOnText").GetString()!);
        await Assertions.Expect(popover).ToContainTextAsync(first.GetProperty("sources")[0].GetProperty("title").GetString()!);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(popover).ToBeHiddenAsync();
        // A refresh (here: the log changes) keeps the focus where it was and does not reopen what was closed.
        (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development("military", "context", "2025-05")))).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#developments")).ToContainTextAsync("May 2025");
        await Assertions.Expect(popover).ToBeHiddenAsync();
        Assert.Equal("mark", await page.EvaluateAsync<string>("document.activeElement.getAttribute('class')"));
    }

    [Fact]
    public async Task The_keyboard_reaches_the_replay_controls_and_the_timeline_marks_in_order()
    {
        var page = await chromium.OpenAsync(Server);
        await page.ExpectStatusAsync("military", "active");
        var reached = new List<string>();
        for (var i = 0; i < 40 && !reached.Contains("mark"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>(
                "(e => e.classList.contains('mark') ? 'mark' : (e.id || e.tagName.toLowerCase()))(document.activeElement)"));
        }
        Assert.Contains("as-of-slider", reached);
        Assert.Contains("as-of", reached);
        Assert.Contains("mark", reached);
        Assert.True(reached.IndexOf("as-of-slider") < reached.IndexOf("mark"), string.Join(" → ", reached));
        await Assertions.Expect(page.Locator("#popover")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_status_badge_and_text_meets_WCAG_AA_contrast()
    {
        var page = await chromium.OpenAsync(Server, "/?asOf=2024-12-15");
        await page.ExpectStatusAsync("defense-minister", "suspended");
        // The ratio of relative luminances (WCAG 2.1), with the nearest opaque background up the tree.
        var failures = await page.EvaluateAsync<string[]>("""
            () => {
              const rgb = c => c.match(/[\d.]+/g).map(Number);
              const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
              const background = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
              const checked = [...document.querySelectorAll('.status, .card p, .card h3, .intervals li, .entry p, .entry h3, label, .hint, .said')];
              return checked.filter(e => e.offsetParent && e.textContent.trim()).map(e => {
                const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(background(e))];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                return ratio < 4.5 ? `${e.className || e.tagName}: ${ratio.toFixed(2)} "${e.textContent.trim().slice(0, 30)}"` : null;
              }).filter(Boolean);
            }
            """);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task At_phone_width_nothing_runs_off_the_side()
    {
        var page = await chromium.OpenAsync(Server, "/?asOf=2023-07-15", width: 390, height: 844);
        await page.ExpectStatusAsync("defense-minister", "suspended");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone's screen.");
        Directory.CreateDirectory(Chromium.Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.Screenshots, "dashboard-phone.png"), FullPage = true });
    }
}
