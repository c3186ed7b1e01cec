using System.Security.Cryptography;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// The checksum that ends a snapshot: SHA-256 of every byte before it. SHA-256 rather than a faster non-cryptographic hash
/// because it runs in the platform's native library: a start is when the JIT is busiest, and XxHash3's vector code ran
/// unoptimised through the whole load, taking CPU the read models' load needed (during a start over 1M developments,
/// 1.3-1.8 s against 1.0-1.2 s for SHA-256, which takes 0.4 s on its own).
/// </summary>
internal static class SnapshotChecksum
{
    public static readonly HashAlgorithmName Algorithm = HashAlgorithmName.SHA256;

    public const int Length = SHA256.HashSizeInBytes;

    /// <summary>
    /// The checksum of the file's first <paramref name="length"/> bytes, read rather than mapped: copying from the page
    /// cache in large reads is several times faster than faulting in a page of the mapping at a time.
    /// </summary>
    public static byte[] Of(string path, long length)
    {
        using var hash = IncrementalHash.CreateHash(Algorithm);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = GC.AllocateUninitializedArray<byte>(1 << 20);
        for (long left = length; left > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new EndOfStreamException("The snapshot ends early.");
            hash.AppendData(buffer.AsSpan(0, read));
            left -= read;
        }
        return hash.GetCurrentHash();
    }
}
