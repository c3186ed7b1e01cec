namespace Monitor.Tests;

/// <summary>Waits for something asynchronous (a delivery, a scheduled job) to become true, failing with a description if it does not.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited {seconds} s for {what}.");
            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, double seconds = 15) =>
        TrueAsync(() => Task.FromResult(condition()), what, seconds);
}
