namespace Monitor.Tests;

/// <summary>A fresh folder under the system temp folder, removed at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("monitor-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still be letting go of the file; the OS temp cleaner will take it.
        }
    }
}
