using Monitor.Collections;
using Monitor.Projections.Snapshots;
using Xunit;

namespace Monitor.Tests.Collections;

/// <summary>
/// Every hash leads to exactly the ordinals added under it and not removed since, whatever the table went through:
/// growing, removals in the middle of a run of taken slots, and a trip through a snapshot's bytes.
/// </summary>
public sealed class HashedOrdinalsTests
{
    [Fact]
    public void Hashes_lead_to_what_was_added_under_them_as_the_table_grows()
    {
        var table = new HashedOrdinals();
        var expected = new Dictionary<ulong, List<int>>();
        var random = new Random(5);
        for (var ordinal = 0; ordinal < 20_000; ordinal++)
        {
            // A few hundred hashes, so many lead to several ordinals; every fourth differs only in its high bits.
            var hash = ordinal % 4 == 0 ? (ulong)random.Next(100) << 56 : (ulong)random.Next(300);
            table.Add(hash, ordinal);
            (expected.TryGetValue(hash, out var list) ? list : expected[hash] = []).Add(ordinal);
        }

        Assert.Equal(20_000, table.Count);
        AssertLeads(table, expected);
        Assert.Equal(-1, table.First(12_345_678));
    }

    [Fact]
    public void Removing_from_the_middle_of_a_run_leaves_every_other_entry_findable()
    {
        var random = new Random(8);
        var hashes = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64()).ToArray();
        var (table, expected) = Filled(hashes.Length, ordinal => hashes[ordinal]);
        // Collisions on purpose: the same hash under several ordinals, then most of everything removed in random order.
        foreach (var hash in expected.Keys.Take(100).ToList())
        {
            for (var extra = 1; extra <= 3; extra++)
            {
                table.Add(hash, 10_000 + extra);
                expected[hash].Add(10_000 + extra);
            }
        }
        foreach (var (hash, ordinals) in expected.OrderBy(_ => random.Next()).Take(4_000))
        {
            var ordinal = ordinals[random.Next(ordinals.Count)];
            Assert.True(table.Remove(hash, ordinal));
            ordinals.Remove(ordinal);
        }

        Assert.Equal(expected.Values.Sum(o => o.Count), table.Count);
        AssertLeads(table, expected);
    }

    [Fact]
    public void An_entry_is_removed_only_under_its_own_hash_and_ordinal()
    {
        var table = new HashedOrdinals();
        table.Add(7, 1);

        Assert.False(table.Remove(7, 2));
        Assert.False(table.Remove(8, 1));
        Assert.True(table.Remove(7, 1));
        Assert.False(table.Remove(7, 1));
        Assert.Equal(-1, table.First(7));
    }

    [Fact]
    public void TryAdd_keeps_the_first_ordinal_a_hash_leads_to()
    {
        var table = new HashedOrdinals();

        Assert.True(table.TryAdd(42, 3));
        Assert.False(table.TryAdd(42, 4));
        Assert.Equal(3, table.First(42));
        Assert.Equal(1, table.Count);
    }

    [Theory]
    [InlineData(3_000)] // pages of the table taken change before it is written
    [InlineData(20_000)] // and then it grows into arrays of its own
    public void A_snapshot_gives_back_the_table_as_it_was_captured_whatever_changes_before_it_is_written(int addedAfter)
    {
        using var folder = new TempFolder();
        var (table, expected) = Filled(3_000, ordinal => (ulong)ordinal * 7919);
        var write = table.Capture();
        for (var ordinal = 0; ordinal < 3_000; ordinal += 3) Assert.True(table.Remove((ulong)ordinal * 7919, ordinal));
        for (var ordinal = 3_000; ordinal < 3_000 + addedAfter; ordinal++) table.Add((ulong)ordinal * 7919, ordinal);

        using var mapped = SnapshotFile.Write(folder, write);
        var loaded = Load(mapped, listed: 3_000);

        Assert.Equal(3_000, loaded.Count);
        AssertLeads(loaded, expected);
        Assert.Equal(-1, loaded.First(3_000UL * 7919));
    }

    [Fact]
    public async Task A_snapshot_written_while_the_table_changes_beside_it_gives_back_the_table_as_it_was_captured()
    {
        using var folder = new TempFolder();
        var (table, expected) = Filled(200_000, ordinal => Spread(ordinal));
        var write = table.Capture();
        using var start = new Barrier(2);
        var changes = Task.Run(() =>
        {
            start.SignalAndWait();
            for (var ordinal = 0; ordinal < 200_000; ordinal += 2) table.Remove(Spread(ordinal), ordinal); // as writes go on
        });

        using var mapped = SnapshotFile.Write(folder, to =>
        {
            start.SignalAndWait();
            write(to);
        });
        await changes;
        var loaded = Load(mapped, listed: 200_000);

        Assert.Equal(200_000, loaded.Count);
        AssertLeads(loaded, expected);

        static ulong Spread(int ordinal) => (ulong)ordinal * 0x9E3779B97F4A7C15UL;
    }

    [Fact]
    public void A_table_loaded_where_it_lies_in_the_file_takes_writes_and_leaves_the_file_as_it_was()
    {
        using var folder = new TempFolder();
        var (table, expected) = Filled(5_000, ordinal => (ulong)ordinal * 7919);
        using var mapped = SnapshotFile.Write(folder, table.Capture());

        var loaded = Load(mapped, listed: 5_000);
        for (var ordinal = 0; ordinal < 5_000; ordinal += 2) Assert.True(loaded.Remove((ulong)ordinal * 7919, ordinal)); // the file is read-only
        for (var ordinal = 5_000; ordinal < 6_000; ordinal++) loaded.Add((ulong)ordinal * 7919, ordinal);

        Assert.Equal(3_500, loaded.Count);
        Assert.Equal(-1, loaded.First(0));
        Assert.Equal(5_999, loaded.First(5_999UL * 7919));
        Assert.Equal(1, loaded.First(7919));
        AssertLeads(Load(mapped, listed: 5_000), expected);
    }

    [Fact]
    public void Room_reserved_is_made_at_once_and_keeps_every_entry_findable_as_it_fills()
    {
        using var folder = new TempFolder();
        var (table, expected) = Filled(100, ordinal => (ulong)ordinal * 7919);

        table.Reserve(5_000);

        // 5,000 at most half full: 16,384 slots of 12 bytes, where an empty table has 16.
        using (var reserved = SnapshotFile.Write(folder, table.Capture()))
        using (var fresh = SnapshotFile.Write(folder, new HashedOrdinals().Capture()))
            Assert.Equal((16_384 - 16) * 12, reserved.Length - fresh.Length);
        AssertLeads(table, expected);
        for (var ordinal = 100; ordinal < 5_000; ordinal++)
        {
            table.Add((ulong)ordinal * 7919, ordinal);
            expected[(ulong)ordinal * 7919] = [ordinal];
        }
        table.Reserve(10); // less than it holds: nothing changes
        Assert.Equal(5_000, table.Count);
        using var mapped = SnapshotFile.Write(folder, table.Capture());
        AssertLeads(Load(mapped, listed: 5_000), expected);
    }

    [Fact]
    public void A_snapshot_leading_past_the_end_of_its_list_is_refused()
    {
        using var folder = new TempFolder();
        var table = new HashedOrdinals();
        table.Add(5, 10);

        var refused = Assert.Throws<InvalidDataException>(() => RoundTrip(folder, table, listed: 10));
        Assert.Contains("item 10 of 10", refused.Message);
    }

    [Fact]
    public void A_negative_ordinal_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashedOrdinals().Add(1, -1));

    /// <summary>A table that leads each of <paramref name="count"/> ordinals' own hash to it, and what it should answer.</summary>
    private static (HashedOrdinals Table, Dictionary<ulong, List<int>> Expected) Filled(int count, Func<int, ulong> hash)
    {
        var table = new HashedOrdinals();
        var expected = new Dictionary<ulong, List<int>>();
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            table.Add(hash(ordinal), ordinal);
            expected[hash(ordinal)] = [ordinal];
        }
        return (table, expected);
    }

    private static HashedOrdinals RoundTrip(TempFolder folder, HashedOrdinals table, int listed)
    {
        using var mapped = SnapshotFile.Write(folder, table.Capture());
        return Load(mapped, listed);
    }

    private static HashedOrdinals Load(MappedFile mapped, int listed)
    {
        var from = new SnapshotReader(mapped, mapped.Length);
        var table = HashedOrdinals.Locate(from);
        from.ExpectEnd();
        return table.Load(listed);
    }

    private static void AssertLeads(HashedOrdinals table, Dictionary<ulong, List<int>> expected)
    {
        foreach (var (hash, ordinals) in expected)
        {
            var found = new List<int>();
            foreach (var ordinal in table.OrdinalsOf(hash)) found.Add(ordinal);
            Assert.Equal(ordinals.Order(), found.Order());
        }
    }
}
