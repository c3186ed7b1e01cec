using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

public sealed class AppendOnlyListTests
{
    [Fact]
    public void What_was_taken_stays_as_it_was_as_the_list_grows_past_it()
    {
        var list = new AppendOnlyList<string>();
        var taken = new List<AppendOnlyList<string>.Taken>();
        for (var i = 0; i < 1_000; i++)
        {
            list.Add(i.ToString());
            if (i % 7 == 0) taken.Add(list.Take()); // some just before the array grows, some just after
        }

        foreach (var took in taken)
        {
            Assert.Equal(Enumerable.Range(0, took.Count).Select(i => i.ToString()), Enumerable.Range(0, took.Count).Select(i => took[i]));
            Assert.Throws<ArgumentOutOfRangeException>(() => took[took.Count]);
        }
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i.ToString()), list);
        Assert.Equal("999", list[999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[1_000]);
    }

    [Fact]
    public void An_unmade_item_is_made_once_when_first_read_and_kept_but_not_for_what_was_taken()
    {
        var made = new List<int>();
        var list = AppendOnlyList<string>.Unmade(3, i =>
        {
            lock (made) made.Add(i);
            return $"item {i}";
        });
        Assert.Empty(made); // a restart makes nothing until asked

        Assert.Equal("item 1", list[1]);
        Assert.Same(list[1], list[1]);
        Assert.Equal([1], made);

        var taken = list.Take();
        Assert.Equal("item 2", taken[2]);
        Assert.Equal("item 2", list[2]);
        Assert.Equal([1, 2, 2], made); // the snapshot's reading was not kept; the list's was

        list.Add("added");
        Assert.Equal(["item 0", "item 1", "item 2", "added"], list);
        Assert.Equal([1, 2, 2, 0], made);
    }

    [Fact]
    public void Readers_making_the_same_item_at_once_all_get_the_one_kept()
    {
        var list = AppendOnlyList<object>.Unmade(1_000, _ => new object());
        var seen = new object[8][];
        Parallel.For(0, seen.Length, r => seen[r] = Enumerable.Range(0, 1_000).Select(i => list[i]).ToArray());
        for (var i = 0; i < 1_000; i++) Assert.All(seen, s => Assert.Same(list[i], s[i]));
    }
}
