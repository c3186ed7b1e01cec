namespace Monitor.Collections;

/// <summary>
/// A fixed-length array kept as pages, any of which may be shared: with a snapshot being written, or lying in the mapped
/// snapshot file it was loaded from (read-only). A shared page is copied before it is first changed, so a snapshot
/// takes the array without copying it while writes are held off, and a start reads it where it lies in the file.
/// </summary>
/// <remarks>Not thread-safe, but what <see cref="Share"/> hands out never changes, and may be read on any thread.</remarks>
public sealed class SharedPages<T> where T : unmanaged
{
    // Small enough that a write copying a shared page costs it little (12 KB for a hash table's two arrays).
    private const int PageLength = 1024;

    private readonly Memory<T>[] _pages;
    private readonly bool[] _shared;
    private readonly int _shift, _mask;

    /// <summary>Pages of their own, all zero.</summary>
    public SharedPages(int length) : this(length, shared: false, _ => new T[PageLengthFor(length)])
    {
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
        for (var p = 0; p < _pages.Length; p++) _pages[p] = page(p);
        _shared = new bool[_pages.Length];
        Array.Fill(_shared, shared);
    }

    private static int PageLengthFor(int length) => Math.Min(length, PageLength);

    public int Length { get; }

    public T this[int at]
    {
        get => _pages[at >> _shift].Span[at & _mask];
        set
        {
            var p = at >> _shift;
            if (_shared[p]) (_pages[p], _shared[p]) = (_pages[p].ToArray(), false);
            _pages[p].Span[at & _mask] = value;
        }
    }

    /// <summary>The pages as they stand, for a snapshot to write: from now on each is copied before it changes.</summary>
    public IReadOnlyList<ReadOnlyMemory<T>> Share()
    {
        Array.Fill(_shared, true);
        return [.. _pages.Select(page => (ReadOnlyMemory<T>)page)];
    }
}
