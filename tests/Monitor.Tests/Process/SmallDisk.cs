using System.Diagnostics;

namespace Monitor.Tests.Process;

/// <summary>A tmpfs of a few megabytes mounted for one test: a real disk that a test can fill up and free again.</summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly TempFolder _mountPoint = new();

    public SmallDisk(int megabytes) => Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", Path);

    public string Path => _mountPoint.Path;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Writes a file until the disk has no space left.</summary>
    public void Fill()
    {
        var chunk = new byte[64 * 1024];
        try
        {
            using var filler = new FileStream(Filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            while (true) filler.Write(chunk);
        }
        catch (IOException)
        {
            // No space left on device: what we wanted.
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "--lazy", Path);
        _mountPoint.Dispose();
    }

    private static void Run(string program, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {error}");
    }
}
