using System.IO.Hashing;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// The checksum that ends a snapshot: CRC-64 of every byte before it. It is there to catch a damaged or partly written
/// file, not tampering (whoever can write the data folder can write the log), and CRC-64 is the cheapest check that does
/// that: its carry-less multiply runs at memory speed even before the JIT has optimised it. Over the bench's 645 MB
/// snapshot, in a process just started: 165 ms, against 450 ms for SHA-256 (which runs in the platform's native library)
/// and 245 ms for XxHash3; during a start it shares two cores with the read models' load and the server's own start.
/// </summary>
internal static class SnapshotChecksum
{
    public const int Length = sizeof(ulong);

    public static NonCryptographicHashAlgorithm Create() => new Crc64();

    /// <summary>
    /// The checksum of the file's first <paramref name="length"/> bytes, read rather than mapped: copying from the page
    /// cache in large reads is several times faster than faulting in a page of the mapping at a time.
    /// </summary>
    public static byte[] Of(string path, long length)
    {
        var hash = Create();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = GC.AllocateUninitializedArray<byte>(1 << 20);
        for (long left = length; left > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new EndOfStreamException("The snapshot ends early.");
            hash.Append(buffer.AsSpan(0, read));
            left -= read;
        }
        return hash.GetCurrentHash();
    }
}
