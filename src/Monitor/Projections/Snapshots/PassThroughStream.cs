namespace Monitor.Projections.Snapshots;

/// <summary>
/// A write-only stream that shows every byte written to <see cref="Passing"/> on its way to the stream beneath it: how a
/// snapshot is hashed as it is written (<see cref="HashingStream"/>) and how its position is known without a flush.
/// </summary>
/// <param name="owned">Whether disposing this stream disposes the one beneath it.</param>
internal abstract class PassThroughStream(Stream inner, bool owned) : Stream
{
    protected abstract void Passing(ReadOnlySpan<byte> bytes);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Passing(buffer);
        inner.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        Passing(new ReadOnlySpan<byte>(in value));
        inner.WriteByte(value);
    }

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && owned) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
