using Monitor.Projections.Snapshots;

namespace Monitor.Tests.Projections;

/// <summary>A damaged count is refused before anything is sized by it, at the fewest bytes each item takes.</summary>
public sealed class SnapshotReaderTests
{
    [Theory]
    [InlineData(1_000, true)]
    [InlineData(999, false)] // the count says 1,000, but only 999 items' bytes follow
    public void A_count_is_refused_when_the_bytes_left_cannot_hold_that_many_items(int written, bool accepted)
    {
        using var folder = new TempFolder();
        using var file = SnapshotFile.Write(folder, to =>
        {
            to.Write(1_000);
            for (var i = 0; i < written; i++)
            {
                to.Write((ulong)i);
                to.Write(i);
            }
        });

        Assert.Equal(1_000, new SnapshotReader(file, file.Length).Count()); // one byte each: plenty left
        var each = new SnapshotReader(file, file.Length);
        if (accepted) Assert.Equal(1_000, each.Count(bytesEach: sizeof(ulong) + sizeof(int)));
        else Assert.Throws<InvalidDataException>(() => each.Count(bytesEach: sizeof(ulong) + sizeof(int)));
    }
}
