using System.Buffers;
using System.Runtime.InteropServices;

namespace Monitor.Collections;

/// <summary>
/// A chunk of memory outside the collected heap, for <see cref="ByteArena"/> to fill or <see cref="SharedPages{T}"/> to
/// lay a large table in. On Linux it is mapped afresh and advised into transparent huge pages, so filling it faults once
/// per 2 MB rather than once per 4 KB page: filling the texts of a million developments into arrays took about 116,000
/// page faults, and on this project's two-core virtual machine touching 450 MB of fresh pages so took 1.3-1.8 s, against
/// 0.3-1.0 s in huge pages. Elsewhere, or when the mapping is refused, the chunk is an array of the heap as before.
/// Unmapped once nothing points into it any more.
/// </summary>
internal sealed unsafe class FreshChunk<T> : MemoryManager<T> where T : unmanaged
{
    private readonly byte* _mapped;
    private readonly nuint _mappedLength;
    private readonly T* _start;
    private readonly int _length;

    private FreshChunk(byte* mapped, nuint mappedLength, T* start, int length)
    {
        _mapped = mapped;
        _mappedLength = mappedLength;
        _start = start;
        _length = length;
    }

    /// <summary><paramref name="length"/> items, zeroed if <paramref name="zeroed"/> (a fresh mapping is; an array may not be).</summary>
    public static Memory<T> Allocate(int length, bool zeroed = false)
    {
        var bytes = (nuint)length * (nuint)sizeof(T);
        if (FreshMapping.Map(bytes) is not { } mapping) return zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        return new FreshChunk<T>((byte*)mapping.Mapped, mapping.MappedLength, (T*)mapping.Start, length).Memory;
    }

    // A span outlives nothing here: the arena holds its chunks, and the packed facts that read a run hold the run (and
    // keep themselves alive while they read it), as shared pages hold theirs, so no span or pointer is in use once nothing
    // points to the chunk.
#pragma warning disable CA2015
    ~FreshChunk() => FreshMapping.Unmap(_mapped, _mappedLength);
#pragma warning restore CA2015

    public override Span<T> GetSpan() => new(_start, _length);

    /// <summary>Where <paramref name="run"/> starts, if it lies in a fresh chunk; else null.</summary>
    public static T* Start(Memory<T> run) =>
        MemoryMarshal.TryGetMemoryManager<T, FreshChunk<T>>(run, out var chunk, out var start, out _) ? chunk._start + start : null;

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        // Freed by the finalizer only: runs of the chunk are shared with whatever reads them, for as long as it does.
    }
}

/// <summary>Fresh anonymous mappings advised into transparent huge pages, on Linux (see <see cref="FreshChunk{T}"/>).</summary>
internal static unsafe partial class FreshMapping
{
    public const int HugePage = 2 << 20;
    private const int ProtectReadWrite = 0x1 | 0x2, MapPrivateAnonymous = 0x02 | 0x20, AdviseHugePage = 14;

    /// <summary>At least <paramref name="length"/> zeroed bytes starting on a huge page's boundary; null where none can be mapped.</summary>
    public static (nint Mapped, nuint MappedLength, nint Start)? Map(nuint length)
    {
        if (!OperatingSystem.IsLinux()) return null;
        // Mapped a huge page longer than asked, so that it can start on a huge page's boundary; the part never touched costs nothing.
        var mappedLength = length + HugePage;
        var mapped = Mmap(null, mappedLength, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        if (mapped == (void*)-1) return null;
        var start = (byte*)(((nuint)mapped + HugePage - 1) & ~(nuint)(HugePage - 1));
        _ = Madvise(start, (length + HugePage - 1) & ~(nuint)(HugePage - 1), AdviseHugePage); // only advice: refused, pages are small
        return ((nint)mapped, mappedLength, (nint)start);
    }

    public static void Unmap(byte* mapped, nuint length) => _ = Munmap(mapped, length);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* Mmap(void* address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);
}
