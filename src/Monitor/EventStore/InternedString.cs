using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
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
    // Bytes that are not UTF-8 are damage, as the reader's own decoding treats them, never replaced.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    // The names this thread read lately, by their bytes as stored: most reads find theirs here, without making it into
    // characters and looking those up in the shared pool, which took a rebuild's reading thread a tenth of its time.
    [ThreadStatic] private static RecentNames? _recent;

    /// <summary>The string or null at <paramref name="reader"/>.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped) return Of(reader.ValueSpan);
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > MaxLength) return reader.GetString()!;
        Span<char> chars = stackalloc char[MaxLength];
        return Shared(chars[..reader.CopyString(chars)], out _);
    }

    /// <summary>The string these UTF-8 bytes spell, shared.</summary>
    /// <exception cref="DecoderFallbackException">They are not UTF-8.</exception>
    public static string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return Strict.GetString(utf8);
        var recent = _recent ??= new RecentNames();
        if (recent.Find(utf8) is { } known) return known;
        Span<char> chars = stackalloc char[MaxLength];
        var name = Shared(chars[..Strict.GetChars(utf8, chars)], out var pooled);
        if (pooled) recent.Keep(utf8, name); // only what the pool shares, so that past its bound a new name stays a string of its own
        return name;
    }

    private static string Shared(ReadOnlySpan<char> text, out bool pooled)
    {
        pooled = ByChars.TryGetValue(text, out var shared);
        return pooled ? shared! : BoundedPool.Share(Pool, ref _pooled, new string(text));
    }

    /// <summary>A small cache with a place per hash of a name's bytes: a name that finds its place taken takes it over.</summary>
    private sealed class RecentNames
    {
        private const int Places = 256;
        private readonly byte[]?[] _utf8 = new byte[Places][];
        private readonly string?[] _names = new string[Places];

        public string? Find(ReadOnlySpan<byte> utf8)
        {
            var at = PlaceOf(utf8);
            return _utf8[at] is { } known && utf8.SequenceEqual(known) ? _names[at] : null;
        }

        public void Keep(ReadOnlySpan<byte> utf8, string name)
        {
            var at = PlaceOf(utf8);
            (_utf8[at], _names[at]) = (utf8.ToArray(), name);
        }

        private static int PlaceOf(ReadOnlySpan<byte> utf8) => (int)(XxHash3.HashToUInt64(utf8) % Places);
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
        var recent = _recent ??= new RecentLists();
        if (recent.Find(read) is { } known) return known;
        if (!ByItems.TryGetValue(read, out var pooled)) return BoundedPool.Share(Pool, ref _pooled, read.ToArray());
        recent.Keep(pooled);
        return pooled;
    }

    // The lists this thread read lately, found by their items' identity: their items are mostly the same shared names,
    // and the shared pool hashes every item's characters.
    [ThreadStatic] private static RecentLists? _recent;

    /// <summary>A small cache with a place per hash of a list's items (as objects): a list that finds its place taken takes it over.</summary>
    private sealed class RecentLists
    {
        private const int Places = 256;
        private readonly string[]?[] _lists = new string[Places][];

        public string[]? Find(ReadOnlySpan<string> items) =>
            _lists[PlaceOf(items)] is { } known && known.Length == items.Length && SameItems(known, items) ? known : null;

        public void Keep(string[] list) => _lists[PlaceOf(list)] = list;

        private static bool SameItems(string[] known, ReadOnlySpan<string> items)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (!ReferenceEquals(known[i], items[i])) return false;
            }
            return true;
        }

        private static int PlaceOf(ReadOnlySpan<string> items)
        {
            var hash = new HashCode();
            foreach (var item in items) hash.Add(RuntimeHelpers.GetHashCode(item));
            return (int)((uint)hash.ToHashCode() % Places);
        }
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
