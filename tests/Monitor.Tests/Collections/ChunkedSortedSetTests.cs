using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

/// <summary>The read models' sorted index must answer exactly as a <see cref="SortedSet{T}"/> given the same writes.</summary>
public sealed class ChunkedSortedSetTests
{
    [Theory]
    [InlineData(1, 0.99)] // the log's usual order: almost every item after the others, chunks filled and appended
    [InlineData(2, 0.5)]
    [InlineData(3, 0.0)] // anywhere: chunks split in the middle
    public void Answers_as_a_sorted_set_does_after_the_same_adds_and_removes(int seed, double ascending)
    {
        var random = new Random(seed);
        var chunked = new ChunkedSortedSet<int>();
        var expected = new SortedSet<int>();
        var next = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.1 && expected.Count > 0)
            {
                var victim = random.Next(2) == 0 ? expected.ElementAt(random.Next(expected.Count)) : Anywhere();
                Assert.Equal(expected.Remove(victim), chunked.Remove(victim));
            }
            else
            {
                var item = random.NextDouble() < ascending ? next += random.Next(1, 3) : Anywhere();
                Assert.Equal(expected.Add(item), chunked.Add(item));
            }
            if (step % 2_000 == 0) AgreeOnQueries(expected, chunked, random, Math.Max(next, 40_000));
        }
        Assert.True(expected.Count > 2 * ChunkedSortedSet<int>.ChunkSize);
        AgreeOnQueries(expected, chunked, random, Math.Max(next, 40_000));

        int Anywhere() => random.Next(Math.Max(next, 40_000));
    }

    [Fact]
    public void What_a_snapshot_took_stays_as_it_was_while_the_set_goes_on_changing()
    {
        var random = new Random(4);
        var chunked = new ChunkedSortedSet<int>();
        var expected = new SortedSet<int>();
        var taken = new List<(IReadOnlyCollection<int> Taken, int[] AsItWas)>();
        for (var step = 0; step < 20_000; step++)
        {
            if (random.NextDouble() < 0.3 && expected.Count > 0)
            {
                // Runs of neighbours go, so whole chunks empty out too.
                var from = expected.ElementAt(random.Next(expected.Count));
                foreach (var victim in expected.GetViewBetween(from, from + random.Next(1, 400)).ToList())
                    Assert.Equal(expected.Remove(victim), chunked.Remove(victim));
            }
            else
            {
                var item = random.Next(100_000); // anywhere: chunks that were taken split
                Assert.Equal(expected.Add(item), chunked.Add(item));
            }
            if (step % 1_000 == 0) taken.Add((chunked.Take(), [.. expected]));
        }

        foreach (var (took, asItWas) in taken)
        {
            Assert.Equal(asItWas.Length, took.Count);
            Assert.Equal(asItWas, took);
        }
        Assert.Equal(expected, chunked);
    }

    [Fact]
    public void A_set_loaded_from_the_chunks_another_took_answers_and_changes_as_that_one_does()
    {
        var random = new Random(5);
        var original = new ChunkedSortedSet<int>();
        var expected = new SortedSet<int>();
        for (var step = 0; step < 5_000; step++)
        {
            var item = random.Next(100_000);
            Assert.Equal(expected.Add(item), original.Add(item));
        }
        var taken = original.Take();
        var run = Enumerable.Range(0, taken.Chunks).SelectMany(c => taken.Chunk(c).ToArray()).ToArray();

        var loaded = new ChunkedSortedSet<int>();
        var asLoaded = run.ToArray();
        loaded.LoadSorted(run);

        AgreeOnQueries(expected, loaded, random, 100_000);
        for (var step = 0; step < 2_000; step++)
        {
            var item = random.Next(100_000);
            if (step % 3 == 0) Assert.Equal(expected.Remove(item), loaded.Remove(item));
            else Assert.Equal(expected.Add(item), loaded.Add(item));
        }
        AgreeOnQueries(expected, loaded, random, 100_000);
        // The items are read where they lie (a snapshot's read-only mapping) and copied before any change, never written.
        Assert.Equal(asLoaded, run);
        var retaken = loaded.Take();
        Assert.Equal(expected, Enumerable.Range(0, retaken.Chunks).SelectMany(c => retaken.Chunk(c).ToArray()));
        Assert.Equal(expected, retaken);
    }

    [Theory]
    [InlineData(new[] { 1, 3, 2 })]
    [InlineData(new[] { 1, 2, 2 })] // a set holds an item once
    public void Refuses_to_load_items_out_of_order_and_stays_empty(int[] items)
    {
        var set = new ChunkedSortedSet<int>();

        Assert.Throws<InvalidDataException>(() => set.LoadSorted(items));

        Assert.Empty(set);
        Assert.True(set.Add(7));
        Assert.Equal([7], set);
    }

    [Fact]
    public void Removing_every_item_leaves_it_empty_and_usable()
    {
        var set = new ChunkedSortedSet<int>();
        var items = Enumerable.Range(0, 3 * ChunkedSortedSet<int>.ChunkSize).ToList();
        foreach (var i in items) set.Add(i);
        foreach (var i in items.OrderBy(i => (i * 7919) % items.Count)) Assert.True(set.Remove(i));

        Assert.Empty(set);
        Assert.Empty(set.Descending());
        Assert.Empty(set.DescendingFrom(5));
        Assert.Empty(set.Between(0, 10));
        Assert.False(set.Remove(1));
        Assert.True(set.Add(4));
        Assert.Equal([4], set.Descending());
    }

    [Fact]
    public void Refuses_to_go_on_enumerating_once_changed()
    {
        var set = new ChunkedSortedSet<int>();
        foreach (var i in Enumerable.Range(0, 10)) set.Add(i);

        var walk = set.Descending().GetEnumerator();
        Assert.True(walk.MoveNext());
        set.Add(42);

        Assert.Throws<InvalidOperationException>(() => walk.MoveNext());
    }

    private static void AgreeOnQueries(SortedSet<int> expected, ChunkedSortedSet<int> chunked, Random random, int top)
    {
        Assert.Equal(expected.Count, chunked.Count);
        Assert.Equal(expected, chunked);
        Assert.Equal(expected.Reverse(), chunked.Descending());
        for (var i = 0; i < 50; i++)
        {
            var bound = random.Next(-5, top + 5);
            Assert.Equal(expected.Where(x => x <= bound).Reverse(), chunked.DescendingFrom(bound));
            var low = random.Next(-5, top + 5);
            var high = low + random.Next(0, 200);
            Assert.Equal(expected.Where(x => x >= low && x <= high), chunked.Between(low, high));
        }
    }
}
