using Monitor.Collections;
using Monitor.Projections.Snapshots;

namespace Monitor.Recording;

/// <summary>
/// A development as the log has it: its original facts and what later events said of it. Facts are kept packed
/// (<see cref="PackedFacts"/>); those of a moment (<see cref="FactsAt"/>, <see cref="AsSeen"/>) are unpacked.
/// </summary>
public sealed class DevelopmentRecord(Guid id, PackedFacts facts, long position, DateTimeOffset recordedAt)
{
    public Guid Id { get; } = id;
    public PackedFacts Original { get; } = facts;
    public long Position { get; } = position;

    // The log's instants are UTC: kept as ticks, half a DateTimeOffset's room.
    private readonly long _recordedAtTicks = recordedAt.UtcTicks;
    public DateTimeOffset RecordedAt => new(_recordedAtTicks, TimeSpan.Zero);

    // Most developments are never corrected, given another source nor retracted: what later events said of one is
    // made only when first needed, which is one field where there were three, for each of a million developments.
    private Later? _later;

    internal sealed class Later
    {
        // Arrays replaced whole when one is added, never changed: a reader that took one (a response written after the
        // read models' lock is let go, a snapshot being written) keeps what it took while the next event is applied.
        public Amendment[]? Corrections;
        public AddedSource[]? AddedSources;
        public Amendment? Retraction;
    }

    public IReadOnlyList<Amendment> Corrections => _later?.Corrections ?? (IReadOnlyList<Amendment>)[];
    public IReadOnlyList<AddedSource> AddedSources => _later?.AddedSources ?? (IReadOnlyList<AddedSource>)[];

    public Amendment? Retraction
    {
        get => _later?.Retraction;
        set => (_later ??= new Later()).Retraction = value;
    }

    /// <summary>The fewest bytes <see cref="Save"/> writes: an id, a position and a time, before the facts.</summary>
    public const int LeastBytes = 16 + 2 * sizeof(long);

    /// <summary>What later events have said of it so far, kept apart from what they say next: for <see cref="Save"/>.</summary>
    public Said Capture() => new(Current, _later is not { } later ? null : new Later
    {
        Corrections = later.Corrections,
        AddedSources = later.AddedSources,
        Retraction = later.Retraction,
    });

    /// <summary>The parts of a development that later events change, as <see cref="Capture"/> took them.</summary>
    public readonly struct Said
    {
        internal Said(PackedFacts current, Later? later) => (Current, Later) = (current, later);

        internal PackedFacts Current { get; }
        internal Later? Later { get; }
    }

    /// <summary>Writes the development as it stood when <paramref name="said"/> was taken.</summary>
    public void Save(SnapshotWriter to, Said said)
    {
        to.Write(Id);
        to.Write(Position);
        to.Write(_recordedAtTicks);
        Original.Save(to);
        to.Write(said.Later is not null);
        if (said.Later is not { } later) return;
        var corrections = later.Corrections ?? [];
        to.Write(corrections.Length);
        foreach (var correction in corrections) Save(correction, to);
        var addedSources = later.AddedSources ?? [];
        to.Write(addedSources.Length);
        foreach (var (source, position, recordedAt) in addedSources)
        {
            to.Write(source.Title);
            to.Write(source.Publisher);
            to.Write(source.Url);
            to.Write(source.PublishedOn.Packed);
            to.Write(source.Evidence);
            to.Write(source.Reference);
            to.Write(source.SyndicatedFrom);
            to.Write(position);
            to.Write(recordedAt);
        }
        to.Write(later.Retraction is not null);
        if (later.Retraction is { } retraction) Save(retraction, to);
        said.Current.Save(to);
    }

    public static DevelopmentRecord Load(SnapshotReader from)
    {
        var (id, position, recordedAt) = (from.Guid(), from.Long(), new DateTimeOffset(from.Long(), TimeSpan.Zero));
        var record = new DevelopmentRecord(id, PackedFacts.Load(from), position, recordedAt);
        if (!from.Bool()) return record;
        var later = record._later = new Later();
        var corrections = from.Count();
        if (corrections > 0) later.Corrections = [.. Enumerable.Range(0, corrections).Select(_ => LoadAmendment(from))];
        var added = from.Count();
        if (added > 0)
        {
            later.AddedSources = [.. Enumerable.Range(0, added).Select(_ => new AddedSource(
                new Source(Title: from.Text()!, Publisher: from.Text()!, Url: from.Text(), PublishedOn: PartialDate.FromPacked(from.Int()),
                    Evidence: from.Text()!, Reference: from.Text(), SyndicatedFrom: from.Text()),
                from.Long(), from.Instant()))];
        }
        if (from.Bool()) later.Retraction = LoadAmendment(from);
        record.Current = PackedFacts.Load(from);
        return record;
    }

    private static void Save(Amendment amendment, SnapshotWriter to)
    {
        to.Write(amendment.Reason);
        to.Write(amendment.Position);
        to.Write(amendment.RecordedAt);
        to.Write(amendment.Facts is not null);
        amendment.Facts?.Save(to);
    }

    private static Amendment LoadAmendment(SnapshotReader from) =>
        new(from.Text()!, from.Long(), from.Instant(), from.Bool() ? PackedFacts.Load(from) : null);

    /// <summary>The facts as they stand now, with every source added since.</summary>
    public PackedFacts Current
    {
        get => _current;
        private set => (_current, OccurredOn) = (value, value.OccurredOn);
    }

    private PackedFacts _current = facts;

    /// <summary>
    /// When it happened, as its facts now stand: kept beside them for the by-date order, which compares it a couple of
    /// dozen times for each development it places, and once for each it loads; reaching it through the facts took a
    /// second cache miss each time.
    /// </summary>
    public Period OccurredOn { get; private set; } = facts.OccurredOn;

    /// <summary>The facts as they stand now, unless retracted.</summary>
    public PackedFacts? Live => Retraction is null ? Current : null;

    /// <param name="arena">Where the facts as they now stand are packed.</param>
    public void Correct(Amendment correction, ByteArena arena)
    {
        var later = _later ??= new Later();
        later.Corrections = [.. later.Corrections ?? [], correction];
        Restate(arena);
    }

    /// <inheritdoc cref="Correct"/>
    public void AddSource(AddedSource added, ByteArena arena)
    {
        var later = _later ??= new Later();
        later.AddedSources = [.. later.AddedSources ?? [], added];
        Restate(arena);
    }

    private void Restate(ByteArena arena) => Current = PackedFacts.Pack(AsSeen(null, null)!, arena);

    /// <summary>The facts as the monitor had them at <paramref name="knownAt"/> (null: now): later corrections and sources left out.</summary>
    public DevelopmentFacts FactsAt(DateTimeOffset? knownAt) => AsSeen(knownAt, null, includeRetracted: true) ?? Original.Unpack();

    /// <summary>
    /// The development as one could have read it: recorded by <paramref name="knownAt"/> and, when
    /// <paramref name="reportedBy"/> is given, published by that day — its sources counted from their
    /// publication dates, corrections and the retraction from the day they were recorded.
    /// Null when nothing of it had been reported yet, or it had been retracted.
    /// </summary>
    public DevelopmentFacts? AsSeen(DateTimeOffset? knownAt, DateOnly? reportedBy, bool includeRetracted = false)
    {
        if (knownAt < RecordedAt) return null;
        if (!includeRetracted && Retraction is { } retraction && Counts(retraction.RecordedAt, knownAt, reportedBy)) return null;
        var corrected = (Corrections.LastOrDefault(c => Counts(c.RecordedAt, knownAt, reportedBy))?.Facts ?? Original).Unpack();
        var sources = corrected.Sources.ToList();
        foreach (var added in AddedSources)
        {
            if ((knownAt is null || added.RecordedAt <= knownAt) && !sources.Any(s => DuplicateRule.SameReport(s, added.Source)))
                sources.Add(added.Source);
        }
        if (reportedBy is { } day) sources.RemoveAll(s => s.PublishedOn.End > day);
        if (sources.Count == 0) return null;
        return sources.Count == corrected.Sources.Count && reportedBy is null ? corrected : corrected with { Sources = sources };
    }

    private static bool Counts(DateTimeOffset recordedAt, DateTimeOffset? knownAt, DateOnly? reportedBy) =>
        (knownAt is null || recordedAt <= knownAt)
        && (reportedBy is null || DateOnly.FromDateTime(recordedAt.UtcDateTime) <= reportedBy);
}

/// <summary>A correction (with the facts it put in place) or a retraction (without).</summary>
public sealed record Amendment(string Reason, long Position, DateTimeOffset RecordedAt, PackedFacts? Facts = null);

/// <summary>A report of the development added after it was recorded.</summary>
public sealed record AddedSource(Source Source, long Position, DateTimeOffset RecordedAt);
