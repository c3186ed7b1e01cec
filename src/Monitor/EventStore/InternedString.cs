using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Monitor.EventStore;

/// <summary>
/// Reads a short string that many stored events repeat (a channel, an actor, a publisher) as one shared instance,
/// without allocating it again: a million developments naming seven publishers keep seven strings.
/// </summary>
public static class InternedString
{
    private const int MaxLength = 128;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _pooled;
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string or null at <paramref name="reader"/>.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxLength) return reader.GetString();
        Span<char> chars = stackalloc char[MaxLength];
        var text = chars[..reader.CopyString(chars)];
        if (ByChars.TryGetValue(text, out var pooled)) return pooled;
        return BoundedPool.Share(Pool, ref _pooled, new string(text));
    }
}

/// <summary>
/// A list of <see cref="InternedString"/>s, itself shared: developments name the same few sets of channels and actors,
/// so a million of them keep one array per set rather than a list each.
/// </summary>
public static class InternedStrings
{
    private static readonly ConcurrentDictionary<string[], string[]> Pool = new(new Sequence());
    private static readonly ConcurrentDictionary<string[], string[]>.AlternateLookup<ReadOnlySpan<string>> ByItems =
        Pool.GetAlternateLookup<ReadOnlySpan<string>>();
    private static int _pooled;
    // Where a list is read before it is looked up: an array is made only for a list the pool does not hold.
    [ThreadStatic] private static List<string>? _reading;

    /// <summary>The list of strings or null at <paramref name="reader"/>.</summary>
    public static IReadOnlyList<string>? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a list of strings.");
        var items = _reading ??= new List<string>(8);
        items.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected a list of strings.");
            items.Add(InternedString.Read(ref reader)!);
        }
        var read = CollectionsMarshal.AsSpan(items);
        return ByItems.TryGetValue(read, out var pooled) ? pooled : BoundedPool.Share(Pool, ref _pooled, read.ToArray());
    }

    private sealed class Sequence : IEqualityComparer<string[]>, IAlternateEqualityComparer<ReadOnlySpan<string>, string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y);

        public bool Equals(ReadOnlySpan<string> items, string[] other) => items.SequenceEqual(other);

        public int GetHashCode(string[] items) => GetHashCode(items.AsSpan());

        public string[] Create(ReadOnlySpan<string> items) => items.ToArray();

        public int GetHashCode(ReadOnlySpan<string> items)
        {
            var hash = new HashCode();
            foreach (var item in items) hash.Add(item, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}

/// <summary>
/// Where the pools above take a value they do not hold yet. Bounded, so a log of all-different names (or dates) costs
/// what it did before, never a pool that grows without end; counted apart, as a concurrent dictionary's own count takes
/// every one of its locks, and past the bound every new value asked for it.
/// </summary>
internal static class BoundedPool
{
    private const int MaxPooled = 100_000;

    public static T Share<T>(ConcurrentDictionary<T, T> pool, ref int pooled, T made) where T : class
    {
        if (Volatile.Read(ref pooled) >= MaxPooled) return made;
        var shared = pool.GetOrAdd(made, made);
        if (ReferenceEquals(shared, made)) Interlocked.Increment(ref pooled);
        return shared;
    }
}
