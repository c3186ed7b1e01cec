namespace Monitor.Tests.Process;

/// <summary>`serve` will not start with a key anyone could guess: it names the setting at fault and exits non-zero.</summary>
public sealed class KeySettingTests
{
    [Theory]
    [InlineData("Monitor__Auth__AnalystKeys__0", "", "Monitor:Auth:AnalystKeys:0 is blank")]
    [InlineData("Monitor__Auth__AnalystKeys__0", "                    ", "Monitor:Auth:AnalystKeys:0 is blank")]
    [InlineData("Monitor__Auth__AnalystKeys__0", "fifteen-chars-k", "Monitor:Auth:AnalystKeys:0 is shorter than 16 characters")]
    [InlineData("Monitor__Auth__ReaderKeys__0", "short", "Monitor:Auth:ReaderKeys:0 is shorter than 16 characters")]
    public async Task A_blank_or_short_key_stops_serve_naming_the_setting(string variable, string value, string message)
    {
        using var data = new TempFolder();

        var (code, output) = await ServerProcess.RefusalAsync(data.Path, new Dictionary<string, string> { [variable] = value });

        Assert.NotEqual(0, code);
        Assert.Contains(message, output);
    }
}
