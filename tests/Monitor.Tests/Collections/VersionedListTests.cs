using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

/// <summary>
/// A timeline's history lives in a versioned list: every version, frozen or current, must read exactly as a copy of a
/// <see cref="List{T}"/> made at that moment, however the list was written afterwards.
/// </summary>
public sealed class VersionedListTests
{
    [Theory]
    [InlineData(1, 0.95)] // the log's usual order: mostly adds at the end, leaves filled and appended
    [InlineData(2, 0.5)]
    [InlineData(3, 0.0)] // anywhere: leaves and inner nodes split in the middle
    public void Every_frozen_version_reads_as_the_list_did_when_it_was_frozen(int seed, double atTheEnd)
    {
        var random = new Random(seed);
        var versioned = new VersionedList<int>();
        var expected = new List<int>();
        var frozen = new List<(VersionedList<int>.View View, int[] Items)>();
        for (var step = 0; step < 20_000; step++)
        {
            var roll = random.NextDouble();
            if (roll < 0.1 && expected.Count > 0)
            {
                var at = random.Next(expected.Count);
                expected.RemoveAt(at);
                versioned.RemoveAt(at);
            }
            else if (roll < 0.2 && expected.Count > 0)
            {
                var at = random.Next(expected.Count);
                expected[at] = versioned[at] = random.Next();
            }
            else
            {
                var at = random.NextDouble() < atTheEnd ? expected.Count : random.Next(expected.Count + 1);
                var item = random.Next();
                expected.Insert(at, item);
                versioned.Insert(at, item);
            }
            if (random.Next(50) == 0) frozen.Add((versioned.Freeze(), expected.ToArray()));
        }
        Assert.True(expected.Count > VersionedList<int>.MaxLeaf * VersionedList<int>.MaxChildren * 2, "the tree should be three levels deep");
        Assert.Equal(expected, versioned.Current.Take(int.MaxValue));
        Assert.Equal(expected, Enumerable.Range(0, versioned.Count).Select(i => versioned[i]));
        foreach (var (view, items) in frozen)
        {
            Assert.Equal(items.Length, view.Count);
            Assert.Equal(items, view.Take(int.MaxValue));
            Assert.Equal(items, Enumerable.Range(0, view.Count).Select(i => view[i]));
        }
    }

    [Fact]
    public void A_version_taken_before_adds_at_the_end_still_reads_only_what_it_held()
    {
        var list = new VersionedList<int>();
        for (var i = 0; i < 100; i++) list.Add(i);
        var before = list.Current;
        for (var i = 100; i < 1_000; i++) list.Add(i);

        Assert.Equal(100, before.Count);
        Assert.Equal(Enumerable.Range(0, 100), before.Take(int.MaxValue));
        Assert.Equal(Enumerable.Range(0, 40), before.Take(40));
        Assert.Throws<ArgumentOutOfRangeException>(() => before[100]);
        Assert.Equal(999, list.Current[999]);
    }

    [Fact]
    public void Binary_search_answers_as_a_sorted_list_does()
    {
        var random = new Random(7);
        var sorted = Enumerable.Range(0, 3_000).Select(_ => random.Next(10_000)).Distinct().Order().ToList();
        var list = new VersionedList<int>();
        foreach (var item in sorted) list.Add(item);
        var view = list.Freeze();
        var prefix = view.Prefix(1_000);
        var firstThousand = sorted.Take(1_000).ToList();
        for (var probe = -1; probe <= 10_001; probe++)
        {
            Assert.Equal(sorted.BinarySearch(probe), view.BinarySearch(probe, Comparer<int>.Default));
            Assert.Equal(firstThousand.BinarySearch(probe), prefix.BinarySearch(probe, Comparer<int>.Default));
        }
    }

    [Fact]
    public void Binary_search_answers_as_a_sorted_list_does_after_inserts_and_removes_anywhere()
    {
        var random = new Random(11);
        var list = new VersionedList<int>();
        var expected = new List<int>();
        var frozen = new List<(VersionedList<int>.View View, List<int> Items)>();
        for (var step = 0; step < 6_000; step++)
        {
            if (random.Next(5) == 0 && expected.Count > 0)
            {
                var at = random.Next(expected.Count);
                expected.RemoveAt(at);
                list.RemoveAt(at);
            }
            else if (random.Next(20_000) is var item && expected.BinarySearch(item) is var at and < 0)
            {
                expected.Insert(~at, item);
                list.Insert(~list.BinarySearch(item, Comparer<int>.Default), item);
            }
            if (step % 500 == 0) frozen.Add((list.Freeze(), expected.ToList()));
        }
        frozen.Add((list.Current, expected));
        foreach (var (view, items) in frozen)
        {
            Assert.Equal(items, view.Take(int.MaxValue));
            for (var probe = -1; probe <= 20_001; probe += 3)
                Assert.Equal(items.BinarySearch(probe), view.BinarySearch(probe, Comparer<int>.Default));
        }
    }

    [Fact]
    public void Emptied_it_reads_as_empty_and_fills_again()
    {
        var list = new VersionedList<int>();
        for (var i = 0; i < 500; i++) list.Add(i);
        var full = list.Freeze();
        while (list.Count > 0) list.RemoveAt(list.Count / 2);

        Assert.Empty(list.Current.Take(int.MaxValue));
        list.Add(42);
        Assert.Equal([42], list.Current.Take(int.MaxValue));
        Assert.Equal(Enumerable.Range(0, 500), full.Take(int.MaxValue));
    }
}
