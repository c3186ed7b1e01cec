namespace Monitor.Collections;

/// <summary>
/// A list that only grows. What it held when <see cref="Take"/> was called stays as it was without a copy: a later item
/// goes past the end of what was taken, or into a larger array, never over an item taken. A snapshot takes the
/// development list so while writes are held off; copying a million references took 30-40 ms of that time.
/// Items loaded from a snapshot can be left where they lie and made the first time they are read
/// (<see cref="Unmade"/>): a restart then makes none of a million developments, which took most of its time.
/// </summary>
public sealed class AppendOnlyList<T> : IReadOnlyList<T> where T : class
{
    private readonly Func<int, T>? _make;
    private T?[] _items;

    public AppendOnlyList(int capacity = 0) => _items = capacity == 0 ? [] : new T[capacity];

    private AppendOnlyList(int count, Func<int, T> make) => (_items, Count, _make) = (new T?[count], count, make);

    /// <summary>
    /// A list of <paramref name="count"/> items, each made by <paramref name="make"/> when first read. Readers may share
    /// the list (not with a writer): two of them may make the same item at once, and the list keeps the first.
    /// </summary>
    public static AppendOnlyList<T> Unmade(int count, Func<int, T> make) => new(count, make);

    public int Count { get; private set; }

    public T this[int index] =>
        (uint)index < (uint)Count ? _items[index] ?? Make(index) : throw new ArgumentOutOfRangeException(nameof(index));

    private T Make(int index)
    {
        var made = _make!(index);
        return Interlocked.CompareExchange(ref _items[index], made, null) ?? made;
    }

    /// <summary>The items as they stand, which later additions leave alone.</summary>
    public Taken Take() => new(_items, Count, _make);

    /// <summary>What <see cref="Take"/> took, for another thread to read: an item not made yet is made for it, and not kept.</summary>
    public readonly struct Taken(T?[] items, int count, Func<int, T>? make)
    {
        public int Count => count;

        public T this[int index] => (uint)index < (uint)count ? items[index] ?? make!(index) : throw new ArgumentOutOfRangeException(nameof(index));
    }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(16, 2 * _items.Length));
        _items[Count++] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
