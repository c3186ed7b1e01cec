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
public sealed class ReadModelSnapshot(string path, ChannelCatalog catalog, IEventStore store, ILogger<ReadModelSnapshot> log)
{
    public const string FileName = "read-models.snapshot";

    // Changed whenever the layout changes; the build id below guards what this cannot (a record's fields moved).
    private const int Format = 4;

    // After the read models: the id of the event at their checkpoint, and where their sections start (ReadModel.Sections).
    private const int Trailer = 16 + 2 * sizeof(long);
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

    /// <summary>The read models of the snapshot, if there is one this program can trust for this log; null otherwise (said in the log).</summary>
    public async Task<ReadModel.Saved?> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path)) return null;
        var started = Stopwatch.GetTimestamp();
        MappedFile? file = null;
        Task<byte[]>? checking = null;
        try
        {
            file = MappedFile.Open(Path);
            var body = file.Length - SnapshotChecksum.Length;
            var trailerAt = body - Trailer;
            if (trailerAt < 0) throw new InvalidDataException("It is too short to be a snapshot.");
            // Checked on the other core while the read models are loaded; nothing loaded is used unless it matches.
            checking = Task.Run(() => SnapshotChecksum.Of(Path, body), ct);
            var header = new SnapshotReader(file, trailerAt);
            if (ReadHeader(header) is { } other)
            {
                log.LogInformation("The read models' snapshot is not used: {Reason}. Rebuilding them from the log.", other);
                return Rejected();
            }
            var trailer = new SnapshotReader(file, body, trailerAt);
            var (eventId, sections) = (trailer.Guid(), new ReadModel.Sections(trailer.Long(), trailer.Long()));
            var saved = ReadModel.Load(catalog, file, header.Position, sections, trailerAt);
            if (!(await checking).AsSpan().SequenceEqual(file.Span(body, SnapshotChecksum.Length)))
                throw new InvalidDataException("Its checksum does not match its contents.");
            if (await EventIdAtAsync(saved.Checkpoint, ct) is var atCheckpoint && atCheckpoint != eventId)
            {
                log.LogWarning("The read models' snapshot is not used: it was taken at position {Checkpoint} of another log, or of this "
                    + "one before it was restored (the event there is {Found}, the snapshot says {Expected}). Rebuilding them from the log.",
                    saved.Checkpoint, atCheckpoint?.ToString() ?? "missing", eventId);
                return Rejected();
            }
            log.LogInformation("Read models loaded from their snapshot at position {Checkpoint} in {ElapsedMs} ms",
                saved.Checkpoint, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return saved; // the mapping stays: the development list's texts are read from it
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            // A damaged snapshot can fail in any way while it is read (the checksum is only known at the end): it is a
            // cache, so whatever the failure, the read models are rebuilt.
            log.LogWarning("The read models' snapshot {Path} cannot be loaded ({Problem}): it is ignored, and the read models are "
                + "rebuilt from the log. It is replaced once they are.", Path, error.Message);
            return Rejected();
        }

        ReadModel.Saved? Rejected()
        {
            checking?.ContinueWith(t => t.Exception, TaskScheduler.Default); // its outcome no longer matters
            file?.Dispose();
            return null;
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
    private string? ReadHeader(SnapshotReader from)
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
