namespace Monitor.Tests.Process;

/// <summary>scripts/monitor, as the README's tour uses it: built once, then the program itself, in the folder it is called from.</summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task The_launcher_builds_the_program_once_then_runs_it_in_the_callers_folder()
    {
        using var folder = new TempFolder();

        var first = await MonitorCli.RunLauncherAsync(folder.Path, "help", "status"); // builds, unless a fresh build is there
        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("monitor status [options]", first.Output);

        var again = await MonitorCli.RunLauncherAsync(folder.Path, "verify");
        Assert.DoesNotContain("building", again.Error);
        Assert.Equal(1, again.Code); // no store in ./data of this folder, which it names
        Assert.Contains(Path.Combine(folder.Path, "data"), again.Output + again.Error);
    }
}
