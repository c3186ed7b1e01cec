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
}
