using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Monitor.Collections;
using Monitor.Projections.Snapshots;
using Monitor.Status;

namespace Monitor.Recording;

/// <summary>
/// A development's facts as the read models keep a million of them. What the list's order, its filters and the status
/// fold read stays in fields; the text (the summary and every source) is one run of UTF-8 bytes in the development
/// list's <see cref="ByteArena"/>, made back into <see cref="DevelopmentFacts"/> by <see cref="Unpack"/> only for the
/// few developments shown or decided on at a time.
/// As objects, the same facts took a record, a source record and an array per development and about four strings, at
/// twice the bytes for the text: over half the read models' memory, and most of what the collector had to trace.
/// </summary>
public sealed class PackedFacts
{
    // Layout: the planned period (a 0 byte when none, else 1 and its 8 bytes; rare, so kept here rather than in a
    // field every development pays for), summary, the number of sources, then per source its publication date
    // (4 bytes) and title, publisher, url, evidence, reference, syndicatedFrom. Each text is its UTF-8 length + 1 as a 7-bit varint (0: null), then its bytes.
    private readonly ReadOnlyMemory<byte> _text;

    private PackedFacts(IReadOnlyList<string> channels, DevelopmentKind kind, Period occurredOn, IReadOnlyList<string> actors,
        DateOnly earliestReport, ReadOnlyMemory<byte> text)
    {
        (Channels, Kind, OccurredOn, Actors, EarliestReport) = (channels, kind, occurredOn, actors, earliestReport);
        _text = text;
    }

    public IReadOnlyList<string> Channels { get; }
    public DevelopmentKind Kind { get; }
    public Period OccurredOn { get; }

    /// <summary>Where the text lies: in the development list's arena, for the facts it keeps.</summary>
    internal ReadOnlyMemory<byte> Text => _text;

    /// <summary>The same facts with their text copied into <paramref name="arena"/>.</summary>
    internal PackedFacts CopyInto(ByteArena arena)
    {
        var text = arena.Take(_text.Length);
        _text.CopyTo(text);
        return new PackedFacts(Channels, Kind, OccurredOn, Actors, EarliestReport, text);
    }
    public IReadOnlyList<string> Actors { get; }

    /// <summary>The last day its earliest report may have been published on.</summary>
    public DateOnly EarliestReport { get; }

    public string Summary
    {
        get
        {
            var reader = new Reader(_text.Span);
            reader.SkipPlanned();
            var summary = reader.Text()!;
            GC.KeepAlive(this); // the text may lie in a chunk unmapped once nothing holds it (see FreshChunk)
            return summary;
        }
    }

    /// <summary>The development as the status fold places it.</summary>
    public DatedDevelopment Dated(Guid id, long order) => new(id, Kind, OccurredOn.Start, Certainty.CertainBy(OccurredOn, EarliestReport), order);

    /// <param name="arena">Where the text is kept: the development list's arena for the facts it keeps; none (an array of
    /// their own) for facts made and dropped while answering a query.</param>
    public static PackedFacts Pack(DevelopmentFacts facts, ByteArena? arena = null) => Pack(FactsText.Of(facts), arena);

    /// <inheritdoc cref="Pack(DevelopmentFacts, ByteArena?)"/>
    internal static PackedFacts Pack(FactsText facts, ByteArena? arena = null)
    {
        var sources = facts.Sources;
        var size = (facts.PlannedFor is null ? 1 : 1 + sizeof(long)) + Size(facts.Summary) + Varint.Size((uint)sources.Count);
        var earliestReport = DateOnly.MaxValue;
        foreach (var s in sources)
        {
            size += sizeof(int) + Size(s.Title) + Size(s.Publisher) + Size(s.Url) + Size(s.Evidence) + Size(s.Reference) + Size(s.SyndicatedFrom);
            earliestReport = Certainty.EarlierReport(earliestReport, s.PublishedOn);
        }
        var text = arena is null ? new byte[size] : arena.Take(size);
        var writer = new Writer(text.Span, facts);
        writer.Planned(facts.PlannedFor);
        writer.Text(facts.Summary);
        writer.Count(sources.Count);
        foreach (var s in sources)
        {
            writer.Date(s.PublishedOn);
            writer.Text(s.Title);
            writer.Text(s.Publisher);
            writer.Text(s.Url);
            writer.Text(s.Evidence);
            writer.Text(s.Reference);
            writer.Text(s.SyndicatedFrom);
        }
        return new PackedFacts(facts.Channels, facts.Kind, facts.OccurredOn, facts.Actors, earliestReport, text);

        static int Size(FactsText.Run text) => text.IsNone ? 1 : Varint.Size((uint)text.Length + 1) + text.Length;
    }

    /// <summary>
    /// Every duplicate key of these facts (<see cref="DuplicateRule"/>), each source's parts read from the packed text:
    /// what the development list claims and releases for a development, with nothing unpacked.
    /// </summary>
    public void ForEachKey<TState>(TState state, KeyReader<TState> read)
    {
        using var keys = new DuplicateRule.KeyWriter(Channels, Kind, OccurredOn);
        var chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            var reader = new Reader(_text.Span);
            reader.SkipPlanned();
            reader.Utf8();
            var count = reader.Count();
            for (var i = 0; i < count; i++)
            {
                reader.Date();
                var title = reader.Utf8();
                var publisher = reader.Utf8();
                var hasUrl = reader.Text(out var url);
                var most = Encoding.UTF8.GetMaxCharCount(title.Length + publisher.Length + url.Length);
                if (chars.Length < most)
                {
                    ArrayPool<char>.Shared.Return(chars);
                    chars = ArrayPool<char>.Shared.Rent(most);
                }
                var room = chars.AsSpan();
                var titled = Encoding.UTF8.GetChars(title, room);
                var published = Encoding.UTF8.GetChars(publisher, room[titled..]);
                var urlLength = Encoding.UTF8.GetChars(url, room[(titled + published)..]);
                keys.Source(room.Slice(titled, published), room[..titled], room.Slice(titled + published, urlLength), hasUrl, state, read);
                reader.Utf8(); // evidence
                reader.Utf8(); // reference
                reader.Utf8(); // syndicated from
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            GC.KeepAlive(this);
        }
    }

    /// <summary>Writes the facts with their text as a run of one of the arena's chunks, written before them.</summary>
    public void Save(SnapshotWriter to)
    {
        var (chunk, offset, length) = ByteArena.Locate(_text, to);
        to.Write(Channels);
        to.Write((byte)Kind);
        to.Write(OccurredOn.Packed);
        to.Write(Actors);
        to.Write(EarliestReport);
        to.Write(chunk);
        to.Write(offset);
        to.Write(length);
    }

    public static PackedFacts Load(SnapshotReader from)
    {
        var (channels, kind, occurredOn, actors, earliestReport) =
            (from.List(), (DevelopmentKind)from.Byte(), Period.FromPacked(from.Long()), from.List(), from.Day());
        var chunk = from.Chunk(from.Int());
        var (offset, length) = (from.Int(), from.Int());
        if (!Enum.IsDefined(kind) || offset < 0 || length < 0 || offset > chunk.Length - length)
            throw new InvalidDataException("Packed facts point outside their chunk.");
        return new PackedFacts(channels, kind, occurredOn, actors, earliestReport, chunk.Slice(offset, length));
    }

    public DevelopmentFacts Unpack()
    {
        var reader = new Reader(_text.Span);
        var plannedFor = reader.Planned();
        var summary = reader.Text()!;
        var sources = new Source[reader.Count()];
        for (var i = 0; i < sources.Length; i++)
        {
            var publishedOn = reader.Date();
            sources[i] = new Source(Title: reader.Text()!, Publisher: reader.Text()!, Url: reader.Text(), PublishedOn: publishedOn,
                Evidence: reader.Text()!, Reference: reader.Text(), SyndicatedFrom: reader.Text());
        }
        GC.KeepAlive(this);
        return new DevelopmentFacts(Channels, Kind, OccurredOn, summary, Actors, sources, plannedFor);
    }

    /// <summary>
    /// Whether the summary, an actor, or a source's title, publisher or evidence contains <paramref name="words"/>, in any
    /// case: what the list's text filter looks for. Read in place, so a filter over a million developments makes no garbage.
    /// </summary>
    /// <param name="words">What to look for, in any case (<see cref="StringComparison.OrdinalIgnoreCase"/>).</param>
    public bool Mentions(SearchValues<string> words)
    {
        foreach (var actor in Actors)
        {
            if (actor.AsSpan().ContainsAny(words)) return true;
        }
        var chars = ArrayPool<char>.Shared.Rent(_text.Length);
        try
        {
            var reader = new Reader(_text.Span);
            reader.SkipPlanned();
            if (Has(reader.Utf8())) return true;
            var count = reader.Count();
            for (var i = 0; i < count; i++)
            {
                reader.Date();
                if (Has(reader.Utf8()) || Has(reader.Utf8())) return true; // title, publisher
                reader.Utf8(); // url
                if (Has(reader.Utf8())) return true; // evidence
                reader.Utf8();
                reader.Utf8();
            }
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            GC.KeepAlive(this);
        }

        bool Has(ReadOnlySpan<byte> utf8) =>
            chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars)).ContainsAny(words);
    }

    private ref struct Writer(Span<byte> to, FactsText texts)
    {
        private readonly Span<byte> _to = to;
        private int _at;

        public void Count(int count) => _at += Varint.Write((uint)count, _to[_at..]);

        public void Date(PartialDate date)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_to[_at..], date.Packed);
            _at += sizeof(int);
        }

        public void Planned(Period? planned)
        {
            _to[_at++] = planned is null ? (byte)0 : (byte)1;
            if (planned is not { } period) return;
            BinaryPrimitives.WriteInt64LittleEndian(_to[_at..], period.Packed);
            _at += sizeof(long);
        }

        public void Text(FactsText.Run text)
        {
            _at += Varint.Write(text.IsNone ? 0 : (uint)text.Length + 1, _to[_at..]);
            texts[text].CopyTo(_to[_at..]);
            _at += texts[text].Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> from)
    {
        private readonly ReadOnlySpan<byte> _from = from;
        private int _at;

        public int Count() => (int)Varint.Read(_from, ref _at);

        public PartialDate Date()
        {
            var packed = BinaryPrimitives.ReadInt32LittleEndian(_from[_at..]);
            _at += sizeof(int);
            return PartialDate.FromPacked(packed);
        }

        public Period? Planned()
        {
            if (_from[_at++] == 0) return null;
            var packed = BinaryPrimitives.ReadInt64LittleEndian(_from[_at..]);
            _at += sizeof(long);
            return Period.FromPacked(packed);
        }

        /// <summary>Steps over the planned period to what follows.</summary>
        public void SkipPlanned() => _at += _from[_at] == 0 ? 1 : 1 + sizeof(long);

        public string? Text()
        {
            var length = Varint.Read(_from, ref _at);
            if (length == 0) return null;
            return Encoding.UTF8.GetString(Take((int)length - 1));
        }

        /// <summary>The next text's bytes (empty for null).</summary>
        public ReadOnlySpan<byte> Utf8() => Text(out var utf8) ? utf8 : default;

        /// <summary>The next text's bytes; false for null.</summary>
        public bool Text(out ReadOnlySpan<byte> utf8)
        {
            var length = Varint.Read(_from, ref _at);
            utf8 = length > 0 ? Take((int)length - 1) : default;
            return length > 0;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            var taken = _from.Slice(_at, length);
            _at += length;
            return taken;
        }
    }

    /// <summary>Unsigned LEB128: most lengths here fit in one or two bytes.</summary>
    private static class Varint
    {
        public static int Size(uint value) => value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;

        public static int Write(uint value, Span<byte> to)
        {
            var i = 0;
            for (; value >= 0x80; value >>= 7) to[i++] = (byte)(value | 0x80);
            to[i++] = (byte)value;
            return i;
        }

        public static uint Read(ReadOnlySpan<byte> from, ref int at)
        {
            uint value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = from[at++];
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
        }
    }
}
