using System.Buffers.Binary;
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
    private const int Format = 1;
    private static readonly byte[] Magic = "MONITOR-READ-MODELS\n"u8.ToArray();

    public string Path { get; } = path;

    /// <summary>Writes the read models as they stand; the file is replaced only once the new one is whole on disk.</summary>
    /// <returns>The log position the snapshot reflects.</returns>
    public async Task<long> SaveAsync(ReadModel model, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var temporary = Path + ".new";
        long checkpoint;
        await using (var file = new FileStream(temporary, OwnerOnly.Create(FileMode.Create)))
        {
            var hashed = new HashingStream(file);
            await using (var buffered = new BufferedStream(hashed, 1 << 20))
            {
                using var to = new SnapshotWriter(buffered);
                WriteHeader(to);
                checkpoint = model.Save(to);
                to.Write(await EventIdAtAsync(checkpoint, ct) ?? Guid.Empty);
                to.Flush();
            }
            var checksum = new byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(checksum, hashed.Hash);
            await file.WriteAsync(checksum, ct);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
        log.LogInformation("Read models snapshotted at position {Checkpoint} in {ElapsedMs} ms ({Bytes} bytes)",
            checkpoint, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, new FileInfo(Path).Length);
        return checkpoint;
    }

    /// <summary>The read models of the snapshot, if there is one this program can trust for this log; null otherwise (said in the log).</summary>
    public async Task<ReadModel.Saved?> LoadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path)) return null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            ReadModel.Saved saved;
            Guid eventId;
            await using (var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                var hashed = new HashingStream(file, file.Length - sizeof(ulong));
                using (var buffered = new BufferedStream(hashed, 1 << 20))
                using (var from = new SnapshotReader(buffered, file.Length))
                {
                    if (ReadHeader(from) is { } other)
                    {
                        log.LogInformation("The read models' snapshot is not used: {Reason}. Rebuilding them from the log.", other);
                        return null;
                    }
                    saved = ReadModel.Load(catalog, from);
                    eventId = from.Guid();
                    await buffered.CopyToAsync(Stream.Null, ct); // whatever of it was not read still counts in the checksum
                }
                var hash = hashed.Hash;
                file.Seek(-sizeof(ulong), SeekOrigin.End);
                var checksum = new byte[sizeof(ulong)];
                await file.ReadExactlyAsync(checksum, ct);
                if (BinaryPrimitives.ReadUInt64LittleEndian(checksum) != hash) throw new InvalidDataException("Its checksum does not match its contents.");
            }
            if (await EventIdAtAsync(saved.Checkpoint, ct) is var atCheckpoint && atCheckpoint != eventId)
            {
                log.LogWarning("The read models' snapshot is not used: it was taken at position {Checkpoint} of another log, or of this "
                    + "one before it was restored (the event there is {Found}, the snapshot says {Expected}). Rebuilding them from the log.",
                    saved.Checkpoint, atCheckpoint?.ToString() ?? "missing", eventId);
                return null;
            }
            log.LogInformation("Read models loaded from their snapshot at position {Checkpoint} in {ElapsedMs} ms",
                saved.Checkpoint, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return saved;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or IOException or FormatException
                                          or ArgumentException or System.Text.Json.JsonException or NotSupportedException)
        {
            log.LogWarning("The read models' snapshot {Path} cannot be loaded ({Problem}): it is ignored, and the read models are "
                + "rebuilt from the log. It is replaced once they are.", Path, error.Message);
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
