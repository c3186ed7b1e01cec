namespace Monitor.Collections;

/// <summary>
/// A list that only grows. What it held when <see cref="Taken"/> is read stays as it was without a copy: a later item
/// goes past the end of what was taken, or into a larger array, never over an item taken. A snapshot takes the
/// development list so while writes are held off; copying a million references took 30-40 ms of that time.
/// </summary>
public sealed class AppendOnlyList<T>(int capacity = 0) : IReadOnlyList<T>
{
    private T[] _items = capacity == 0 ? [] : new T[capacity];

    public int Count { get; private set; }

    public T this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The items as they stand, which later additions leave alone.</summary>
    public ReadOnlyMemory<T> Taken => _items.AsMemory(0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(16, 2 * _items.Length));
        _items[Count++] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _items[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
