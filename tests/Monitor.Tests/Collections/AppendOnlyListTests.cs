using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

public sealed class AppendOnlyListTests
{
    [Fact]
    public void What_was_taken_stays_as_it_was_as_the_list_grows_past_it()
    {
        var list = new AppendOnlyList<int>();
        var taken = new List<ReadOnlyMemory<int>>();
        for (var i = 0; i < 1_000; i++)
        {
            list.Add(i);
            if (i % 7 == 0) taken.Add(list.Taken); // some just before the array grows, some just after
        }

        foreach (var took in taken) Assert.Equal(Enumerable.Range(0, took.Length), took.ToArray());
        Assert.Equal(Enumerable.Range(0, 1_000), list);
        Assert.Equal(999, list[999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[1_000]);
    }
}
