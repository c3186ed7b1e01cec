using Monitor.Projections.Snapshots;

namespace Monitor.Tests;

/// <summary>A snapshot file in a test's folder as <c>write</c> writes it, mapped for reading back as a server reads one.</summary>
internal static class SnapshotFile
{
    /// <returns>The file mapped; what is loaded from it may point into the mapping, so it stays open while that is used.</returns>
    public static MappedFile Write(TempFolder folder, Action<SnapshotWriter> write)
    {
        var path = Path.Combine(folder.Path, $"{Guid.NewGuid():N}.snapshot");
        using (var stream = File.Create(path))
        using (var to = new SnapshotWriter(stream))
        {
            write(to);
        }
        return MappedFile.Open(path);
    }
}
