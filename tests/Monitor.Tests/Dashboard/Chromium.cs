using Microsoft.Playwright;

namespace Monitor.Tests.Dashboard;

/// <summary>
/// Debian's chromium driven by Playwright: no browser is downloaded. scripts/test installs the package; on a machine
/// without it, every browser test fails saying how to get it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots kept for people to look at: .ci/run copies them to TestResults/screenshots.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"The dashboard tests drive {ExecutablePath}, which is missing: "
                + "install Debian's chromium (`apt-get install chromium`; scripts/test does it).");
        _playwright = await Playwright.CreateAsync();
        // No sandbox: CI runs as root, where chromium's sandbox refuses to start.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh page (own storage, so a key set by one test is not seen by another) on the given server.</summary>
    public async Task<IPage> OpenAsync(Uri server, string path = "/", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
