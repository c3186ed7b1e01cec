using System.Text.Json;
using Monitor.EventStore;

namespace Monitor.Tests.EventStore;

/// <summary>Names many stored events repeat are read as one shared string, up to a bound on how many are kept.</summary>
public sealed class InternedStringTests
{
    private static string Read(string text)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(text));
        reader.Read();
        return InternedString.Read(ref reader)!;
    }

    [Fact]
    public void A_name_read_again_is_the_string_read_first_and_once_the_pool_is_full_a_new_name_is_a_string_of_its_own()
    {
        var prefix = Guid.NewGuid().ToString("N"); // the pool is the process's: other tests' names are in it too
        var publisher = Read(prefix + " Wire");
        Assert.Same(publisher, Read(prefix + " Wire"));

        for (var i = 0; i < 100_000; i++) Read($"{prefix} {i}");
        var late = Read(prefix + " late");
        Assert.Equal(late, Read(prefix + " late"));
        Assert.NotSame(late, Read(prefix + " late"));
        Assert.Same(publisher, Read(prefix + " Wire"));
    }

    [Fact]
    public void A_list_read_again_is_the_list_read_first_and_a_list_that_differs_in_any_item_or_its_length_is_another()
    {
        var prefix = Guid.NewGuid().ToString("N");
        string[] names = [prefix + " a", prefix + " b"];
        var first = ReadList(names);

        Assert.Same(first, ReadList(names));
        Assert.Equal(names, first);
        Assert.NotSame(first, ReadList([names[0]]));
        Assert.NotSame(first, ReadList([.. names, prefix + " c"]));
        Assert.Equal([names[1], names[0]], ReadList([names[1], names[0]]));
        Assert.Empty(ReadList([]));
    }

    private static IReadOnlyList<string> ReadList(string[] items)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(items));
        reader.Read();
        return InternedStrings.Read(ref reader)!;
    }
}
