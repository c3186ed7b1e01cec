using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// A snapshot file mapped into memory, read-only. The development list's texts and hash tables and the timelines' entries
/// are kept where they lie in it rather than copied onto the heap: loading them costs no copy, and their pages are read
/// only when used. The mapping lives as long as anything points into it; a snapshot written later replaces the file by a
/// rename, which leaves this one's contents in place (on Linux; Windows refuses the rename while it is mapped).
/// </summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        (_file, _view, Length) = (file, view, length);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
    }

    public long Length { get; }

    public static MappedFile Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = stream.Length;
        if (length == 0) throw new InvalidDataException("The file is empty.");
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return new MappedFile(file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), length);
    }

    /// <summary>The bytes at <paramref name="offset"/>; spans are shorter than 2 GB, so a larger file is read a part at a time.</summary>
    public ReadOnlySpan<byte> Span(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset > Length - length) throw new InvalidDataException("A part of the snapshot lies past its end.");
        return new ReadOnlySpan<byte>(_start + offset, length);
    }

    /// <summary>The bytes at <paramref name="offset"/> as memory that stays valid while the mapping does.</summary>
    public Memory<byte> Memory(long offset, int length) => Memory<byte>(offset, length);

    /// <summary>
    /// <paramref name="count"/> items of a type without references, laid out at <paramref name="offset"/> as this build lays
    /// them out in memory, as memory that stays valid while the mapping does; read only (the mapping is).
    /// </summary>
    public Memory<T> Memory<T>(long offset, int count) where T : unmanaged
    {
        Span(offset, checked(count * sizeof(T))); // bounds
        return new Region<T>(this, (T*)(_start + offset), count).Memory;
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>A run of the mapping as <see cref="Memory{T}"/>; it holds the mapping, so the mapping outlives what points into it.</summary>
    private sealed class Region<T>(MappedFile owner, T* start, int length) : MemoryManager<T> where T : unmanaged
    {
        public MappedFile Owner { get; } = owner;

        public override Span<T> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
