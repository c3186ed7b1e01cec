using System.Text;
using Monitor.EventStore;

namespace Monitor.Recording;

/// <summary>
/// A development's facts with each text as a run of UTF-8 bytes in one reused buffer: what <see cref="PackedFacts"/>
/// packs, whether read from the log (<see cref="StoredLedgerReader"/>) or made from <see cref="DevelopmentFacts"/>.
/// A rebuild reads a million developments' texts this way straight into the list's arena, rather than making each a
/// string only to encode it again (0.8 GB of strings per rebuild).
/// One per thread and use, filled again for the next development: valid until then.
/// </summary>
internal sealed class FactsText
{
    /// <summary>Where a text lies in the buffer; <see cref="None"/> for a null one.</summary>
    public readonly record struct Run(int Start, int Length)
    {
        public static readonly Run None = new(0, -1);

        public bool IsNone => Length < 0;
    }

    /// <summary>A source's texts, and when it was published.</summary>
    public readonly record struct SourceText(Run Title, Run Publisher, Run Url, PartialDate PublishedOn, Run Evidence, Run Reference, Run SyndicatedFrom);

    private byte[] _bytes = new byte[4096];
    private int _used;

    public IReadOnlyList<string> Channels { get; set; } = [];
    public DevelopmentKind Kind { get; set; }
    public Period OccurredOn { get; set; }
    public Run Summary { get; set; }
    public IReadOnlyList<string> Actors { get; set; } = [];
    public List<SourceText> Sources { get; } = new(8);
    public Period? PlannedFor { get; set; }

    /// <summary>The bytes of <paramref name="run"/> (empty for a null text).</summary>
    public ReadOnlySpan<byte> this[Run run] => run.IsNone ? default : _bytes.AsSpan(run.Start, run.Length);

    /// <summary>Empties the buffer for the next development's texts.</summary>
    public void Clear()
    {
        _used = 0;
        Sources.Clear();
    }

    /// <summary>Room for a text of at most <paramref name="most"/> bytes, at the end of the buffer: <see cref="Added"/> takes it.</summary>
    public Span<byte> Room(int most)
    {
        if (_used + most > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + most));
        return _bytes.AsSpan(_used, most);
    }

    /// <summary>The text of <paramref name="length"/> bytes written at the start of the last <see cref="Room"/>.</summary>
    public Run Added(int length)
    {
        var run = new Run(_used, length);
        _used += length;
        return run;
    }

    public Run Add(string? text) =>
        text is null ? Run.None : Added(Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length))));

    [ThreadStatic] private static FactsText? _ofFacts;

    /// <summary><paramref name="facts"/>' texts encoded, in this thread's instance for it.</summary>
    public static FactsText Of(DevelopmentFacts facts)
    {
        var text = _ofFacts ??= new FactsText();
        text.Clear();
        (text.Channels, text.Kind, text.OccurredOn, text.Actors, text.PlannedFor) =
            (facts.Channels, facts.Kind, facts.OccurredOn, facts.Actors, facts.PlannedFor);
        text.Summary = text.Add(facts.Summary);
        for (var i = 0; i < facts.Sources.Count; i++) // not foreach over the interface: a boxed enumerator per development
        {
            var s = facts.Sources[i];
            text.Sources.Add(new SourceText(text.Add(s.Title), text.Add(s.Publisher), text.Add(s.Url), s.PublishedOn,
                text.Add(s.Evidence), text.Add(s.Reference), text.Add(s.SyndicatedFrom)));
        }
        return text;
    }

    /// <summary>The facts as strings: for events decoded whole rather than packed.</summary>
    public DevelopmentFacts ToFacts()
    {
        var sources = new Source[Sources.Count];
        for (var i = 0; i < sources.Length; i++) sources[i] = ToSource(Sources[i]);
        return new DevelopmentFacts(Channels, Kind, OccurredOn, String(Summary)!, Actors, sources, PlannedFor);
    }

    /// <summary>A source whose texts are in this buffer, as strings.</summary>
    public Source ToSource(SourceText s) => new(String(s.Title)!, InternedString.Of(this[s.Publisher]), String(s.Url), s.PublishedOn,
        String(s.Evidence)!, String(s.Reference), String(s.SyndicatedFrom));

    private string? String(Run run) => run.IsNone ? null : Encoding.UTF8.GetString(this[run]);
}
