using Monitor.Collections;
using Xunit;

namespace Monitor.Tests.Collections;

/// <summary>
/// Pages of their own start zeroed and keep what is written, whether they are arrays (a small table) or lie in one fresh
/// chunk (a table of a huge page or more); pages shared keep what they held when shared, whatever is written after.
/// </summary>
public sealed class SharedPagesTests
{
    [Theory]
    [InlineData(4_096)] // 32 KB: arrays of the heap
    [InlineData(1 << 20)] // 8 MB: a fresh chunk
    public void Pages_start_zeroed_and_keep_what_is_written(int length)
    {
        var pages = new SharedPages<long>(length);
        var fresh = OperatingSystem.IsLinux() && length * sizeof(long) >= 2 << 20;
        Assert.Equal(fresh ? length * sizeof(long) : 0, pages.BytesOutsideHeap);
        Assert.All(Enumerable.Range(0, length), i => Assert.Equal(0, pages[i]));

        for (var i = 0; i < length; i += 7) pages[i] = i * 3L + 1;

        for (var i = 0; i < length; i++) Assert.Equal(i % 7 == 0 ? i * 3L + 1 : 0, pages[i]);
    }

    [Theory]
    [InlineData(4_096)]
    [InlineData(1 << 20)]
    public void Pages_shared_keep_what_they_held_while_the_table_is_written_on(int length)
    {
        var pages = new SharedPages<long>(length);
        for (var i = 0; i < length; i++) pages[i] = i;

        var shared = pages.Share();
        for (var i = 0; i < length; i += 3) pages[i] = -i;

        var held = shared.SelectMany(page => page.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, length).Select(i => (long)i), held);
        for (var i = 0; i < length; i++) Assert.Equal(i % 3 == 0 ? -i : i, pages[i]);
    }
}
