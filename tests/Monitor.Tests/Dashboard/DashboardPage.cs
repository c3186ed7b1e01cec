using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Monitor.Tests.Dashboard;

/// <summary>What the tests read off the dashboard, in the words a person would use.</summary>
internal static class DashboardPage
{
    public static ILocator Card(this IPage page, string channel) => page.Locator($"#card-{channel}");

    /// <summary>Waits until the channel's card shows <paramref name="status"/>, in its colour and in words.</summary>
    public static async Task ExpectStatusAsync(this IPage page, string channel, string status)
    {
        var card = page.Card(channel);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", status);
        await Assertions.Expect(card.Locator(".now .status")).ToHaveTextAsync(new Regex($"^\\W*{status}$", RegexOptions.IgnoreCase));
        await Assertions.Expect(card.Locator(".now .status")).ToHaveClassAsync(new Regex($"\\bs-{status}\\b"));
    }

    public static async Task WaitUntilLiveAsync(this IPage page) =>
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

    public static async Task SetAnalystKeyAsync(this IPage page, string key)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyst key" }).ClickAsync();
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();
    }
}
