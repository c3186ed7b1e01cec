using System.IO.Hashing;

namespace Monitor.Projections.Snapshots;

/// <summary>A stream that hashes the bytes read or written through it: a snapshot's checksum costs no second pass.</summary>
/// <param name="hashedLength">How many of its first bytes to hash: reading ahead past them (into the checksum) hashes no more.</param>
internal sealed class HashingStream(Stream inner, long hashedLength = long.MaxValue) : Stream
{
    private readonly XxHash3 _hash = new();
    private long _passed;

    public ulong Hash => _hash.GetCurrentHashAsUInt64();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Digest(buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Digest(buffer);
        inner.Write(buffer);
    }

    private void Digest(ReadOnlySpan<byte> passing)
    {
        _hash.Append(passing[..(int)Math.Clamp(hashedLength - _passed, 0, passing.Length)]);
        _passed += passing.Length;
    }

    public override void Flush() => inner.Flush();
    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
