using Monitor.Collections;
using Monitor.Projections.Snapshots;

namespace Monitor.Tests.Collections;

/// <summary>Versions of a list written to a snapshot read back as they were, with the nodes they shared written once.</summary>
public sealed class VersionedListSnapshotTests
{
    [Fact]
    public void Versions_read_back_as_written_sharing_their_nodes_and_the_list_goes_on_from_the_last()
    {
        var random = new Random(5);
        var list = new VersionedList<int>();
        var versions = new List<(VersionedList<int>.View View, int[] Items)>();
        var expected = new List<int>();
        for (var phase = 0; phase < 40; phase++)
        {
            // Appends, with versions taken as they go (a timeline's current epoch): each holds fewer items than its tree
            // later does. Then anywhere, after a freeze, as a timeline's rewrite does.
            for (var i = 0; i < 100; i++)
            {
                list.Add(expected.Count);
                expected.Add(expected.Count);
                if (random.Next(25) == 0) versions.Add((list.Current, expected.ToArray()));
            }
            versions.Add((list.Freeze(), expected.ToArray()));
            for (var i = 0; i < 20; i++)
            {
                var at = random.Next(expected.Count + 1);
                list.Insert(at, -i);
                expected.Insert(at, -i);
            }
            versions.Add((list.Freeze(), expected.ToArray()));
        }
        versions.Add((list.Current, expected.ToArray())); // last in the file: more items than bytes follow it

        using var folder = new TempFolder();
        using var file = SnapshotFile.Write(folder, to =>
        {
            VersionedListSnapshot.SaveLeaves([.. versions.Select(v => v.View)], to);
            foreach (var (view, _) in versions) VersionedListSnapshot.Save(view, to);
        });
        var unshared = versions.Sum(v => v.Items.Length * sizeof(int));
        Assert.True(file.Length < unshared / 4, $"{file.Length} bytes for versions of {unshared} bytes: shared nodes are written once");

        var from = new SnapshotReader(file, file.Length);
        VersionedListSnapshot.LoadLeaves<int>(from);
        foreach (var (_, items) in versions) Assert.Equal(items, VersionedListSnapshot.Load<int>(from).Take(int.MaxValue));
        Assert.Equal(file.Length, from.Position);

        // Loaded nodes belong to no list, and their items lie in the read-only mapping: writing to a list restored on the
        // last version copies what it changes, and leaves the versions as they were.
        var restored = VersionedList<int>.Restore(versions[^1].View);
        restored.Insert(0, -1);
        restored.RemoveAt(restored.Count - 1);
        Assert.Equal([-1, .. expected[..^1]], restored.Current.Take(int.MaxValue));
        Assert.Equal(expected, versions[^1].View.Take(int.MaxValue));
    }
}
