using System.IO.Hashing;

namespace Monitor.Projections.Snapshots;

/// <summary>A stream that hashes the bytes written through it: a snapshot's checksum costs no second pass.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly NonCryptographicHashAlgorithm _hash = SnapshotChecksum.Create();

    public byte[] Hash => _hash.GetCurrentHash();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.Append(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
