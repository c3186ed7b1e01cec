using System.IO.Hashing;

namespace Monitor.Projections.Snapshots;

/// <summary>A stream that hashes the bytes written through it: a snapshot's checksum costs no second pass.</summary>
internal sealed class HashingStream(Stream inner) : PassThroughStream(inner, owned: false)
{
    private readonly NonCryptographicHashAlgorithm _hash = SnapshotChecksum.Create();

    public byte[] Hash => _hash.GetCurrentHash();

    protected override void Passing(ReadOnlySpan<byte> bytes) => _hash.Append(bytes);
}
