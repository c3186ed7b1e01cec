using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Monitor.Collections;

/// <summary>
/// A fixed-length array kept as pages, any of which may be shared: with a snapshot being written, or lying in the mapped
/// snapshot file it was loaded from (read-only). A shared page is copied before it is first changed, so a snapshot
/// takes the array without copying it while writes are held off, and a start reads it where it lies in the file.
/// </summary>
/// <remarks>Not thread-safe, but what <see cref="Share"/> hands out never changes, and may be read on any thread.</remarks>
public sealed unsafe class SharedPages<T> where T : unmanaged
{
    // Small enough that a write copying a shared page costs it little (12 KB for a hash table's).
    private const int PageLength = 1024;

    private readonly Memory<T>[] _pages;
    // Each page that is an array of its own, read straight: through Memory<T>.Span every probe of a hash table went past
    // the checks for a string or a memory manager. Null where the page lies in the mapped file or in a fresh chunk.
    private readonly T[]?[] _arrays;
    // Where each page lies that is in a fresh chunk (see Owned), read straight, and written straight until it is shared.
    private readonly T*[] _native;
    private readonly bool[] _shared;
    private readonly int _shift, _mask;

    /// <summary>Pages of their own, all zero.</summary>
    public SharedPages(int length) : this(length, shared: false, Owned(length))
    {
    }

    /// <summary>
    /// Pages of their own: one fresh chunk (see <see cref="FreshChunk{T}"/>) when they fill a huge page or more, else an
    /// array each. A rebuild's hash tables are made at full size at once, then written and probed at random all over: as
    /// arrays of the heap, making and filling a million developments' two tables took 0.89-0.93 s in a fresh process
    /// (25,000 small pages faulted in, and a page-table walk for most probes), against 0.50-0.54 s in a fresh chunk.
    /// </summary>
    private static Func<int, Memory<T>> Owned(int length)
    {
        var pageLength = PageLengthFor(length);
        if ((long)length * sizeof(T) < FreshMapping.HugePage) return _ => new T[pageLength];
        var chunk = FreshChunk<T>.Allocate(length, zeroed: true);
        return page => chunk.Slice(page * pageLength, pageLength);
    }

    /// <summary>Pages where <paramref name="items"/> lie (in a mapped file, say): each is copied before it changes.</summary>
    public SharedPages(Memory<T> items)
        : this(items.Length, shared: true, page => items.Slice(page * PageLengthFor(items.Length), PageLengthFor(items.Length)))
    {
    }

    private SharedPages(int length, bool shared, Func<int, Memory<T>> page)
    {
        if (!int.IsPow2(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "Pages are kept of a power-of-two length.");
        Length = length;
        var pageLength = PageLengthFor(length);
        (_shift, _mask) = (int.Log2(pageLength), pageLength - 1);
        _pages = new Memory<T>[length / pageLength];
        _arrays = new T[]?[_pages.Length];
        _native = new T*[_pages.Length];
        for (var p = 0; p < _pages.Length; p++)
        {
            _pages[p] = page(p);
            _arrays[p] = WholeArray(_pages[p]);
            if (!shared && _arrays[p] is null) _native[p] = FreshChunk<T>.Start(_pages[p]);
        }
        BytesOutsideHeap = !shared && _pages.Length > 0 && _native[0] != null ? (long)length * sizeof(T) : 0;
        _shared = new bool[_pages.Length];
        Array.Fill(_shared, shared);
    }

    private static int PageLengthFor(int length) => Math.Min(length, PageLength);

    public int Length { get; }

    /// <summary>The bytes of the fresh chunk its own pages were made in (none when they are arrays, or lie in a mapped file), kept while any page lies there.</summary>
    public long BytesOutsideHeap { get; }

    public T this[int at]
    {
        get
        {
            var p = at >> _shift;
            if (_native[p] is var native && native != null)
            {
                var item = native[at & _mask];
                GC.KeepAlive(this); // which keeps the chunk mapped (see FreshChunk)
                return item;
            }
            return _arrays[p] is { } array ? array[at & _mask] : _pages[p].Span[at & _mask];
        }
        set
        {
            var p = at >> _shift;
            if (_shared[p])
            {
                var copy = _pages[p].ToArray();
                (_pages[p], _arrays[p], _shared[p]) = (copy, copy, false);
                _native[p] = null;
            }
            if (_native[p] is var native && native != null) native[at & _mask] = value;
            else _arrays[p]![at & _mask] = value; // a page not shared is of its own: an array, or in a fresh chunk
            GC.KeepAlive(this);
        }
    }

    /// <summary>Starts bringing item <paramref name="at"/> into the cache, where the processor can and the page lies in a fresh chunk.</summary>
    public void Prefetch(int at)
    {
        if (!Sse.IsSupported) return;
        var p = at >> _shift;
        if (_native[p] is var native && native != null) Sse.Prefetch0(native + (at & _mask));
        GC.KeepAlive(this);
    }

    private static T[]? WholeArray(Memory<T> page) =>
        MemoryMarshal.TryGetArray<T>(page, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : null;

    /// <summary>The pages as they stand, for a snapshot to write: from now on each is copied before it changes.</summary>
    public IReadOnlyList<ReadOnlyMemory<T>> Share()
    {
        Array.Fill(_shared, true);
        return [.. _pages.Select(page => (ReadOnlyMemory<T>)page)];
    }
}
