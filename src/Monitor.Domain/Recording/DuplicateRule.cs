using System.Buffers;

namespace Monitor.Recording;

/// <summary>Receives the text of one duplicate key; the text is valid only during the call.</summary>
public delegate void KeyReader(ReadOnlySpan<char> key);

/// <summary>Receives the text of one duplicate key with the state the caller passed; the text is valid only during the call.</summary>
public delegate void KeyReader<in TState>(ReadOnlySpan<char> key, TState state);

/// <summary>
/// When a new development is, or may be, one already recorded.
/// The same report: it bears on the same channels, with the same kind and occurredOn, and shares a source
/// (the same url, or the same publisher and title). Each key names one way to match; a development is a
/// duplicate if any of its keys is taken.
/// Possibly the same event: a live development of the same kind, sharing a channel, whose period overlaps
/// (context excepted: background is not an event reported twice).
/// </summary>
public static class DuplicateRule
{
    // Parts of a key are joined by a character no channel, title or url contains.
    private const char Separator = '\u001f';

    /// <summary>
    /// Every duplicate key of <paramref name="facts"/>, written into one reused buffer rather than made into strings:
    /// a rebuild reads the keys of a million developments, and the store only keeps their hashes.
    /// </summary>
    public static void ForEachKey(DevelopmentFacts facts, KeyReader read) => ForEachKey(facts, read, static (key, read) => read(key));

    /// <inheritdoc cref="ForEachKey(DevelopmentFacts, KeyReader)"/>
    /// <remarks>With <paramref name="state"/> passed to a static <paramref name="read"/>, a rebuild makes no closure per development.</remarks>
    public static void ForEachKey<TState>(DevelopmentFacts facts, TState state, KeyReader<TState> read)
    {
        using var keys = new KeyWriter(facts.Channels, facts.Kind, facts.OccurredOn);
        for (var i = 0; i < facts.Sources.Count; i++) keys.Source(facts.Sources[i], state, read); // no boxed enumerator
    }

    /// <summary>Whether two sources are the same report: a key of one is a key of the other.</summary>
    public static bool SameReport(Source a, Source b)
    {
        var keys = new List<string>(2);
        using var writer = KeyWriter.OfSourcesAlone();
        writer.Source(a, keys, static (key, keys) => keys.Add(key.ToString()));
        var same = false;
        writer.Source(b, keys, (key, keys) =>
        {
            foreach (var k in keys) same |= key.SequenceEqual(k);
        });
        return same;
    }

    /// <summary>
    /// Writes a development's duplicate keys one source at a time, from its parts as characters wherever they are kept:
    /// the facts' strings, or a packed development's text decoded a part at a time. Each key is valid only while read.
    /// </summary>
    public ref struct KeyWriter : IDisposable
    {
        private KeyText _text = new();
        // Where what a key says of the development ends, and what it says of a source begins.
        private readonly int _what;

        /// <summary>For the development with these channels, kind and period.</summary>
        public KeyWriter(IReadOnlyList<string> channels, DevelopmentKind kind, Period occurredOn)
        {
            WriteChannels(channels, ref _text);
            _text.Append(Separator);
            _text.Append((char)kind);
            WritePeriod(occurredOn, ref _text);
            _what = _text.Length;
        }

        private KeyWriter(int what) => _what = what;

        /// <summary>Keys of sources alone, which two reports of the same development share.</summary>
        internal static KeyWriter OfSourcesAlone() => new(0);

        public void Source<TState>(Source source, TState state, KeyReader<TState> read) =>
            Source(source.Publisher, source.Title, source.Url, source.Url is not null, state, read);

        /// <summary>
        /// A source's keys from its parts: the same page (case and a trailing slash aside), when it has a url; and the
        /// same publisher and title, folded (<see cref="Corroboration.Fold(ReadOnlySpan{char}, Span{char})"/>).
        /// </summary>
        public void Source<TState>(scoped ReadOnlySpan<char> publisher, scoped ReadOnlySpan<char> title, scoped ReadOnlySpan<char> url,
            bool hasUrl, TState state, KeyReader<TState> read)
        {
            if (hasUrl)
            {
                _text.Length = _what;
                _text.Append("url");
                _text.AppendLower(url.TrimEnd('/'));
                read(_text.Written, state);
            }
            _text.Length = _what;
            _text.Append("by");
            _text.AppendFolded(publisher);
            _text.Append(Separator);
            _text.AppendFolded(title);
            read(_text.Written, state);
        }

        public readonly void Dispose() => _text.Dispose();
    }

    /// <summary>The channels in ordinal order, whatever order they were listed in.</summary>
    private static void WriteChannels(IReadOnlyList<string> channels, ref KeyText text)
    {
        // Picked least first rather than sorted into a copy: there are a handful, and a rebuild writes the keys of a
        // million developments. Equal names are taken in their listed order, so each is written once per listing.
        var (last, lastAt) = ((string?)null, -1);
        for (var written = 0; written < channels.Count; written++)
        {
            var next = -1;
            for (var i = 0; i < channels.Count; i++)
            {
                if (last is not null && Order(channels[i], i, last, lastAt) <= 0) continue;
                if (next < 0 || Order(channels[i], i, channels[next], next) < 0) next = i;
            }
            (last, lastAt) = (channels[next], next);
            text.Append(last);
            text.Append(Separator);
        }

        static int Order(string a, int aAt, string b, int bAt) => string.CompareOrdinal(a, b) is var byName and not 0 ? byName : aAt.CompareTo(bAt);
    }

    /// <summary>The period's bounds as numbers: equal periods write the same text, as their EDTF would.</summary>
    private static void WritePeriod(Period period, ref KeyText text)
    {
        text.Append(period.IsInterval ? 'i' : 'd');
        foreach (var bound in (ReadOnlySpan<PartialDate?>)[period.From, period.To])
        {
            if (bound is not { } date) text.Append('.');
            else
            {
                text.Append((char)date.Year);
                text.Append((char)(date.Month ?? 0));
                text.Append((char)(date.Day ?? 0));
            }
        }
        text.Append(Separator);
    }

    public static bool MayBeSameEvent(DevelopmentFacts a, DevelopmentFacts b) => a.Kind != DevelopmentKind.Context && MayConcern(a, b);

    /// <summary>
    /// Whether a decision about one could turn on the other: the same kind, a shared channel and overlapping periods
    /// (context too). Writes whose facts do not concern each other can be decided together.
    /// </summary>
    public static bool MayConcern(DevelopmentFacts a, DevelopmentFacts b) =>
        a.Kind == b.Kind && a.Channels.Intersect(b.Channels).Any() && a.OccurredOn.Overlaps(b.OccurredOn);

    /// <summary>A key's text as it is written: a pooled buffer that grows as needed.</summary>
    private ref struct KeyText
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(256);

        public KeyText()
        {
        }

        public int Length { get; set; }

        public readonly ReadOnlySpan<char> Written => _chars.AsSpan(0, Length);

        public void Append(char c)
        {
            Reserve(1)[0] = c;
            Length++;
        }

        public void Append(scoped ReadOnlySpan<char> text)
        {
            text.CopyTo(Reserve(text.Length));
            Length += text.Length;
        }

        public void AppendLower(scoped ReadOnlySpan<char> text) => Length += text.ToLowerInvariant(Reserve(text.Length));

        public void AppendFolded(scoped ReadOnlySpan<char> text) => Length += Corroboration.Fold(text, Reserve(text.Length));

        private Span<char> Reserve(int count)
        {
            if (Length + count > _chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, Length + count));
                _chars.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(_chars);
                _chars = larger;
            }
            return _chars.AsSpan(Length, count);
        }

        public readonly void Dispose() => ArrayPool<char>.Shared.Return(_chars);
    }
}
