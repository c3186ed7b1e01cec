namespace Monitor.Collections;

/// <summary>
/// A list whose earlier versions stay readable: what a channel's timeline keeps its history in. It is a B-tree of small
/// arrays. A version is its root and count, and <see cref="Freeze"/> starts a new one: after it, a write copies the few
/// nodes on its path that the frozen versions share, and every other node stays shared. Between freezes, writes change
/// this version's own nodes in place. Adding at the end keeps the items before it as they were, so a reader holding this
/// version's <see cref="Current"/> from before an <see cref="Add"/> still reads what it read.
/// </summary>
/// <remarks>
/// An <see cref="System.Collections.Immutable.ImmutableList{T}"/> spends a 40-byte node on every item. Here an item costs
/// its own size and a share of its leaf: leaves hold up to <see cref="MaxLeaf"/> items and inner nodes up to
/// <see cref="MaxChildren"/> children. Nothing is thread-safe: the read models' lock orders readers and the writer.
/// </remarks>
public sealed class VersionedList<T>
{
    public const int MaxLeaf = 16;
    public const int MaxChildren = 16;

    private Node? _root;
    private object _owner = new();

    public int Count => _root?.Count ?? 0;

    /// <summary>A list whose current version is <paramref name="current"/>, loaded from a snapshot: its first write copies what it changes.</summary>
    internal static VersionedList<T> Restore(View current) => new() { _root = current.Root };

    /// <summary>This version as it stands: later adds at the end do not change what it reads.</summary>
    public View Current => new(_root, Count);

    /// <summary>Ends this version: it stays as it is, whatever is written next.</summary>
    public View Freeze()
    {
        // Its last leaf was kept roomy for adds at the end: the next write copies it anyway, so it is trimmed to its items.
        var node = _root;
        while (node is Inner inner) node = inner.Children[inner.Length - 1];
        if (node is Leaf last && ReferenceEquals(last.Owner, _owner) && last.Items.Length > last.Length) last.Items = last.Items[..last.Length].ToArray();
        _owner = new object();
        return Current;
    }

    public T this[int index]
    {
        get => Current[index];
        set
        {
            var (leaf, at) = OwnedLeafOf(index);
            leaf.Items.Span[at] = value;
        }
    }

    public void Add(T item) => Insert(Count, item);

    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (_root is null)
        {
            _root = new Leaf(_owner, Roomy(item), 1);
            return;
        }
        var root = Owned(_root);
        if (InsertInto(root, index, item) is { } sibling)
            root = new Inner(_owner, [root, sibling], [root.Count, root.Count + sibling.Count], 2);
        _root = root;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        var root = Owned(_root!);
        RemoveFrom(root, index);
        _root = root.Count == 0 ? null : root;
    }

    /// <inheritdoc cref="View.BinarySearch"/>
    public int BinarySearch(T item, IComparer<T> comparer) => Current.BinarySearch(item, comparer);

    /// <summary>Inserts into an owned node; returns the node split off after it when it overflowed.</summary>
    private Node? InsertInto(Node node, int index, T item)
    {
        if (node is Leaf leaf)
        {
            if (leaf.Length < MaxLeaf)
            {
                Grow(leaf, appending: index == leaf.Length);
                var items = leaf.Items.Span;
                items[index..leaf.Length].CopyTo(items[(index + 1)..]);
                items[index] = item;
                leaf.Length++;
                return null;
            }
            // Added at the end of a full leaf, as the log usually adds: a new leaf with room for the adds to come.
            if (index == leaf.Length) return new Leaf(_owner, Roomy(item), 1);
            var half = MaxLeaf / 2;
            var upper = new Leaf(_owner, leaf.Items[half..leaf.Length].ToArray(), MaxLeaf - half);
            leaf.Items = leaf.Items[..half].ToArray(); // a leaf split in the middle rarely grows again: kept at its size
            leaf.Length = half;
            if (index <= half) InsertInto(leaf, index, item);
            else InsertInto(upper, index - half, item);
            return upper;
        }
        var inner = (Inner)node;
        var c = inner.ChildAt(index == inner.Count ? index - 1 : index);
        var child = inner.OwnedChild(c, this);
        var split = InsertInto(child, index - inner.Start(c), item);
        inner.Counted(c);
        if (split is null) return null;
        if (inner.Length < MaxChildren)
        {
            inner.InsertChild(c + 1, split);
            return null;
        }
        if (c + 1 == inner.Length) return new Inner(_owner, [split], [split.Count], 1); // at the end, as with leaves
        var halfChildren = MaxChildren / 2;
        var upperInner = new Inner(_owner, inner.Children[halfChildren..inner.Length], new int[MaxChildren - halfChildren], MaxChildren - halfChildren);
        upperInner.Recount();
        Array.Resize(ref inner.Children, halfChildren);
        Array.Resize(ref inner.Ends, halfChildren);
        inner.Length = halfChildren;
        if (c + 1 <= halfChildren) inner.InsertChild(c + 1, split);
        else upperInner.InsertChild(c + 1 - halfChildren, split);
        return upperInner;
    }

    private void RemoveFrom(Node node, int index)
    {
        if (node is Leaf leaf)
        {
            var items = leaf.Items.Span;
            items[(index + 1)..leaf.Length].CopyTo(items[index..]);
            leaf.Length--;
            items[leaf.Length] = default!;
            return;
        }
        var inner = (Inner)node;
        var c = inner.ChildAt(index);
        var child = inner.OwnedChild(c, this);
        RemoveFrom(child, index - inner.Start(c));
        if (child.Count > 0) inner.Counted(c);
        else inner.RemoveChild(c);
    }

    /// <summary>The leaf holding item <paramref name="index"/>, and its place there, owned by this version down the path.</summary>
    private (Leaf Leaf, int At) OwnedLeafOf(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        var node = _root = Owned(_root!);
        while (node is Inner inner)
        {
            var c = inner.ChildAt(index);
            index -= inner.Start(c);
            node = inner.OwnedChild(c, this);
        }
        return ((Leaf)node, index);
    }

    /// <summary>The node itself when this version made it; else a copy this version owns.</summary>
    private Node Owned(Node node)
    {
        if (ReferenceEquals(node.Owner, _owner)) return node;
        if (node is Leaf leaf) return new Leaf(_owner, leaf.Items[..leaf.Length].ToArray(), leaf.Length);
        var inner = (Inner)node;
        return new Inner(_owner, inner.Children[..inner.Length], inner.Ends[..inner.Length], inner.Length);
    }

    /// <summary>Room for one more item: a whole leaf for adds at the end, where more follow; else just enough.</summary>
    private static void Grow(Leaf leaf, bool appending)
    {
        if (leaf.Items.Length > leaf.Length) return;
        var items = new T[appending ? MaxLeaf : leaf.Length + 1];
        leaf.Items.Span.CopyTo(items);
        leaf.Items = items;
    }

    private static T[] Roomy(T first)
    {
        var items = new T[MaxLeaf];
        items[0] = first;
        return items;
    }

    /// <summary>One version: the list as it was when taken, read by index.</summary>
    public readonly struct View
    {
        private readonly Node? _root;

        internal View(Node? root, int count) => (_root, Count) = (root, count);

        internal Node? Root => _root;

        public int Count { get; }

        /// <summary>Its first <paramref name="count"/> items, as a version of their own.</summary>
        public View Prefix(int count) => new(_root, Math.Clamp(count, 0, Count));

        public T this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                var node = _root!;
                while (node is Inner inner)
                {
                    var c = inner.ChildAt(index);
                    index -= inner.Start(c);
                    node = inner.Children[c];
                }
                return ((Leaf)node).Items.Span[index];
            }
        }

        /// <summary>
        /// Like <see cref="List{T}.BinarySearch(T, IComparer{T})"/> over a sorted list: the index, or the complement of where
        /// it would go. It goes down the tree, in each node to the last child whose first item is not after the one sought.
        /// </summary>
        public int BinarySearch(T item, IComparer<T> comparer)
        {
            if (Count == 0) return ~0;
            var (node, offset) = (_root!, 0);
            while (node is Inner inner)
            {
                int low = 0, high = inner.ChildAt(Count - offset - 1); // children that start within this version
                while (low < high)
                {
                    var mid = (low + high + 1) >>> 1;
                    if (comparer.Compare(First(inner.Children[mid]), item) <= 0) low = mid;
                    else high = mid - 1;
                }
                offset += inner.Start(low);
                node = inner.Children[low];
            }
            var found = ((Leaf)node).Items.Span[..Math.Min(node.Count, Count - offset)].BinarySearch(item, comparer);
            return found >= 0 ? offset + found : ~(offset + ~found);
        }

        private static T First(Node node)
        {
            while (node is Inner inner) node = inner.Children[0];
            return ((Leaf)node).Items.Span[0];
        }

        /// <summary>The first <paramref name="count"/> items, in order, a leaf at a time.</summary>
        public IEnumerable<T> Take(int count)
        {
            count = Math.Min(count, Count);
            if (count == 0) yield break;
            var path = new Stack<(Inner Node, int Child)>();
            var node = _root!;
            for (var given = 0; given < count;)
            {
                while (node is Inner inner)
                {
                    path.Push((inner, 0));
                    node = inner.Children[0];
                }
                var leaf = (Leaf)node;
                for (var i = 0; i < leaf.Length && given < count; i++, given++) yield return leaf.Items.Span[i];
                while (given < count)
                {
                    var (parent, child) = path.Pop();
                    if (child + 1 >= parent.Length) continue;
                    path.Push((parent, child + 1));
                    node = parent.Children[child + 1];
                    break;
                }
            }
        }
    }

    internal abstract class Node(object owner)
    {
        public object Owner { get; } = owner;
        public abstract int Count { get; }
    }

    /// <summary>Items in an array of its own while a list owns it; a loaded leaf's may lie in the snapshot's mapping.</summary>
    internal sealed class Leaf(object owner, Memory<T> items, int length) : Node(owner)
    {
        public Memory<T> Items = items;
        public int Length = length;
        public override int Count => Length;
    }

    /// <summary>Children and, for each, the count of items up to and including it.</summary>
    internal sealed class Inner(object owner, Node[] children, int[] ends, int length) : Node(owner)
    {
        public Node[] Children = children;
        public int[] Ends = ends;
        public int Length = length;
        public override int Count => Length == 0 ? 0 : Ends[Length - 1];

        public int Start(int child) => child == 0 ? 0 : Ends[child - 1];

        /// <summary>The child holding item <paramref name="index"/>: the first whose end is past it.</summary>
        public int ChildAt(int index)
        {
            int low = 0, high = Length - 1;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (Ends[mid] > index) high = mid;
                else low = mid + 1;
            }
            return low;
        }

        public Node OwnedChild(int c, VersionedList<T> list) => Children[c] = list.Owned(Children[c]);

        /// <summary>Child <paramref name="c"/> changed its count: the ends from it on follow.</summary>
        public void Counted(int c)
        {
            var delta = Start(c) + Children[c].Count - Ends[c];
            for (var i = c; i < Length; i++) Ends[i] += delta;
        }

        public void InsertChild(int at, Node child)
        {
            if (Children.Length == Length)
            {
                var size = Math.Min(MaxChildren, Math.Max(Length + 1, Length * 2));
                Array.Resize(ref Children, size);
                Array.Resize(ref Ends, size);
            }
            Array.Copy(Children, at, Children, at + 1, Length - at);
            Array.Copy(Ends, at, Ends, at + 1, Length - at);
            Children[at] = child;
            Length++;
            Recount(at);
        }

        public void RemoveChild(int at)
        {
            Array.Copy(Children, at + 1, Children, at, Length - at - 1);
            Array.Copy(Ends, at + 1, Ends, at, Length - at - 1);
            Length--;
            Children[Length] = null!;
            Recount(at);
        }

        public void Recount(int from = 0)
        {
            for (var i = from; i < Length; i++) Ends[i] = Start(i) + Children[i].Count;
        }
    }
}
