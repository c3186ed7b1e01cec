using System.Diagnostics;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Files;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// The read models saved in the data folder with the log position they reflect, so a start applies only the events
/// logged since. A snapshot is trusted whole or not at all: one written by another build of the program, for other
/// channels, for another log or one restored to before it, cut short or damaged, is ignored, and the read models are
/// rebuilt from the log. The file is replaced in one rename, so a crash while writing leaves the one before.
/// </summary>
/// <param name="early">The file's reading, if begun already (<see cref="BeginReading"/>): taken by the first <see cref="LoadAsync"/>.</param>
public sealed class ReadModelSnapshot(
    string path, ChannelCatalog catalog, IEventStore store, ILogger<ReadModelSnapshot> log, ReadModelSnapshot.Reading? early = null)
    : IDisposable
{
    public const string FileName = "read-models.snapshot";

    // Changed whenever the layout changes; the build id below guards what this cannot (a record's fields moved).
    private const int Format = 14;

    // After the read models: the id of the event at their checkpoint, and where their sections start (ReadModel.Sections).
    private const int Trailer = 16 + 3 * sizeof(long);
    private static readonly byte[] Magic = "MONITOR-READ-MODELS\n"u8.ToArray();

    public string Path { get; } = path;

    /// <summary>Writes the read models as they stand; the file is replaced only once the new one is whole on disk.</summary>
    /// <returns>The log position the snapshot reflects.</returns>
    public async Task<long> SaveAsync(ReadModel model, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var temporary = Path + ".new";
        long checkpoint;
        TimeSpan heldWrites;
        try
        {
            await using var file = new FileStream(temporary, OwnerOnly.Create(FileMode.Create));
            using (var to = new SnapshotWriter(file))
            {
                WriteHeader(to);
                (checkpoint, var sections, heldWrites) = model.Save(to);
                to.Write(await EventIdAtAsync(checkpoint, ct) ?? Guid.Empty);
                to.Write(sections.IndexAt);
                to.Write(sections.OverlapsAt);
                to.Write(sections.StatusesAt);
                await file.WriteAsync(to.Checksum, ct);
            }
            file.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temporary); // hundreds of megabytes at a million developments
            throw;
        }
        File.Move(temporary, Path, overwrite: true);
        log.LogInformation("Read models snapshotted at position {Checkpoint} in {ElapsedMs} ms ({Bytes} bytes); writes waited for {HeldMs} ms of it",
            checkpoint, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, new FileInfo(Path).Length, (long)heldWrites.TotalMilliseconds);
        return checkpoint;
    }

    /// <summary>
    /// Starts reading the snapshot at <paramref name="path"/> on the thread pool, for a <see cref="ReadModelSnapshot"/> made
    /// with it to take: called before the server is built, so that loading the read models goes on while the host is built
    /// and starts rather than after (it needs only the file and the channels). Null when there is no file.
    /// </summary>
    public static Reading? BeginReading(string path, ChannelCatalog catalog) =>
        File.Exists(path) ? new Reading(Task.Run(() => ReadFile(path, catalog))) : null;

    /// <summary>A reading of the file begun by <see cref="BeginReading"/>; disposing one never taken lets go of the file.</summary>
    public sealed class Reading : IDisposable
    {
        internal Reading(Task<FileRead> read) => Read = read;

        internal Task<FileRead> Read { get; }

        public void Dispose() => Read.ContinueWith(t => t.Result.File?.Dispose(), TaskScheduler.Default);
    }

    /// <summary>The read models of the snapshot, if there is one this program can trust for this log; null otherwise (said in the log).</summary>
    public async Task<ReadModel.Saved?> LoadAsync(CancellationToken ct)
    {
        var taken = Interlocked.Exchange(ref _early, null)?.Read;
        if (taken is null && !File.Exists(Path)) return null;
        var read = await (taken ?? Task.Run(() => ReadFile(Path, catalog), ct));
        if (read.Unusable is { } reason)
        {
            log.LogInformation("The read models' snapshot is not used: {Reason}. Rebuilding them from the log.", reason);
            return null;
        }
        if (read.Problem is { } problem)
        {
            // A damaged snapshot can fail in any way while it is read (the checksum is only known at the end): it is a
            // cache, so whatever the failure, the read models are rebuilt.
            log.LogWarning("The read models' snapshot {Path} cannot be loaded ({Problem}): it is ignored, and the read models are "
                + "rebuilt from the log. It is replaced once they are.", Path, problem.Message);
            return null;
        }
        var saved = read.Saved!;
        try
        {
            if (await EventIdAtAsync(saved.Checkpoint, ct) is var atCheckpoint && atCheckpoint != read.EventId)
            {
                log.LogWarning("The read models' snapshot is not used: it was taken at position {Checkpoint} of another log, or of this "
                    + "one before it was restored (the event there is {Found}, the snapshot says {Expected}). Rebuilding them from the log.",
                    saved.Checkpoint, atCheckpoint?.ToString() ?? "missing", read.EventId);
                read.File!.Dispose();
                return null;
            }
        }
        catch
        {
            read.File!.Dispose();
            throw;
        }
        log.LogInformation("Read models loaded from their snapshot at position {Checkpoint} in {ElapsedMs} ms",
            saved.Checkpoint, (long)read.Took.TotalMilliseconds);
        return saved; // the mapping stays: the development list's texts are read from it
    }

    /// <summary>Lets go of a file read begun but never taken (a server built and not started).</summary>
    public void Dispose() => Interlocked.Exchange(ref _early, null)?.Dispose();

    private Reading? _early = early;

    /// <summary>
    /// What the file holds, before it is checked against the log: the read models and the id of the event at their
    /// checkpoint; or why this program cannot use it; or what went wrong reading it.
    /// </summary>
    internal sealed record FileRead(ReadModel.Saved? Saved, MappedFile? File, Guid EventId, TimeSpan Took, string? Unusable = null, Exception? Problem = null);

    private static FileRead ReadFile(string path, ChannelCatalog catalog)
    {
        var started = Stopwatch.GetTimestamp();
        MappedFile? file = null;
        Task<byte[]>? checking = null;
        try
        {
            file = MappedFile.Open(path);
            var body = file.Length - SnapshotChecksum.Length;
            var trailerAt = body - Trailer;
            if (trailerAt < 0) throw new InvalidDataException("It is too short to be a snapshot.");
            // Checked on the other core while the read models are loaded; nothing loaded is used unless it matches.
            checking = Task.Run(() => SnapshotChecksum.Of(path, body));
            var header = new SnapshotReader(file, trailerAt);
            if (ReadHeader(header, catalog) is { } other) return Rejected(other);
            var trailer = new SnapshotReader(file, body, trailerAt);
            var (eventId, sections) = (trailer.Guid(), new ReadModel.Sections(trailer.Long(), trailer.Long(), trailer.Long()));
            var saved = ReadModel.Load(catalog, file, header.Position, sections, trailerAt);
            if (!checking.GetAwaiter().GetResult().AsSpan().SequenceEqual(file.Span(body, SnapshotChecksum.Length)))
                throw new InvalidDataException("Its checksum does not match its contents.");
            return new FileRead(saved, file, eventId, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception error)
        {
            return Rejected(problem: error);
        }

        FileRead Rejected(string? unusable = null, Exception? problem = null)
        {
            checking?.ContinueWith(t => t.Exception, TaskScheduler.Default); // its outcome no longer matters
            file?.Dispose();
            return new FileRead(null, null, Guid.Empty, Stopwatch.GetElapsedTime(started), unusable, problem);
        }
    }

    private void WriteHeader(SnapshotWriter to)
    {
        to.Write(Magic);
        to.Write(Format);
        to.Write(BuildId);
        to.Write(string.Join('\n', catalog.All.Select(c => c.Id)));
    }

    /// <returns>Why this program cannot use the snapshot; null when it can.</returns>
    private static string? ReadHeader(SnapshotReader from, ChannelCatalog catalog)
    {
        if (!from.Expect(Magic)) return "it is not a snapshot of the read models";
        if (from.Int() != Format || from.Guid() != BuildId) return "another version of the program wrote it";
        if (from.Text() != string.Join('\n', catalog.All.Select(c => c.Id))) return "it was taken with other channels configured";
        return null;
    }

    /// <summary>
    /// The build of the program: a snapshot keeps some records as their bytes in memory, which only the same build lays
    /// out the same way. Builds are deterministic, so rebuilding the same source keeps it.
    /// </summary>
    private static readonly Guid BuildId = typeof(ReadModelSnapshot).Module.ModuleVersionId;

    private async Task<Guid?> EventIdAtAsync(long position, CancellationToken ct)
    {
        if (position == 0) return Guid.Empty;
        var events = await store.ReadAllAsync(position - 1, 1, ct);
        return events is [{ } e] && e.Position == position ? e.EventId : null;
    }
}
