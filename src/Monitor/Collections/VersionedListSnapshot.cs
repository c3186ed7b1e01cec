using Monitor.Projections.Snapshots;

namespace Monitor.Collections;

/// <summary>
/// Versions of a <see cref="VersionedList{T}"/> in a snapshot, with the nodes they share written once: each node is
/// written before the first version that holds it, children first, so reading it back rebuilds the same sharing.
/// The leaves' items come first, every leaf's once, in one run that loaded leaves point into where it lies in the
/// mapped file (<see cref="SaveLeaves{T}"/>): at a million developments that was over 100 MB copied onto the heap.
/// </summary>
public static class VersionedListSnapshot
{
    private const byte LeafTag = 0, InnerTag = 1, ViewTag = 2;

    // Loaded nodes belong to no list: a list's first write to one copies it, as after a freeze.
    private static readonly object Loaded = new();

    /// <summary>
    /// Writes the items of every leaf of <paramref name="views"/>, before the views themselves (<see cref="Save{T}"/>): the
    /// leaves they write point into this run.
    /// </summary>
    public static void SaveLeaves<T>(IReadOnlyList<VersionedList<T>.View> views, SnapshotWriter to) where T : unmanaged
    {
        to.Leaves.Clear();
        var leaves = new List<VersionedList<T>.Leaf>();
        // Versions share most of their nodes: each is gone through once, or every version would walk the whole tree.
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var count = 0;
        foreach (var view in views)
        {
            if (view.Root is { } root) Gather(root);
        }
        to.BeginRawRun(count);
        foreach (var leaf in leaves) to.WriteRawPart<T>(leaf.Items.Span[..leaf.Length]);

        void Gather(VersionedList<T>.Node node)
        {
            if (!seen.Add(node)) return;
            if (node is VersionedList<T>.Inner inner)
            {
                for (var i = 0; i < inner.Length; i++) Gather(inner.Children[i]);
                return;
            }
            var leaf = (VersionedList<T>.Leaf)node;
            to.Leaves[leaf] = count;
            leaves.Add(leaf);
            count += leaf.Length;
        }
    }

    /// <summary>Reads the run <see cref="SaveLeaves{T}"/> wrote, for the views read next to point into.</summary>
    public static void LoadLeaves<T>(SnapshotReader from) where T : unmanaged => from.Leaves = from.RawInPlace<T>();

    public static void Save<T>(VersionedList<T>.View view, SnapshotWriter to) where T : unmanaged
    {
        if (view.Root is { } root) SaveNode(root, to);
        to.Write(ViewTag);
        to.Write(view.Root is { } node ? to.Nodes[node] : -1);
        to.Write(view.Count);
    }

    public static VersionedList<T>.View Load<T>(SnapshotReader from) where T : unmanaged
    {
        while (true)
        {
            switch (from.Byte())
            {
                case LeafTag:
                    var (start, items) = (from.Int(), from.Int());
                    var run = from.Leaves as Memory<T>? ?? throw new InvalidDataException("A leaf comes before the items it points into.");
                    if (items is <= 0 or > VersionedList<T>.MaxLeaf || start < 0 || start > run.Length - items)
                        throw new InvalidDataException($"A leaf of {items} items from {start} of {run.Length}.");
                    from.Nodes.Add(new VersionedList<T>.Leaf(Loaded, run.Slice(start, items), items));
                    break;
                case InnerTag:
                    var length = from.Count(VersionedList<T>.MaxChildren) is var children and > 0 ? children : throw new InvalidDataException("An inner node without children.");
                    var nodes = new VersionedList<T>.Node[length];
                    for (var i = 0; i < length; i++) nodes[i] = from.Node<VersionedList<T>.Node>(from.Int());
                    var inner = new VersionedList<T>.Inner(Loaded, nodes, new int[length], length);
                    inner.Recount();
                    from.Nodes.Add(inner);
                    break;
                case ViewTag:
                    var id = from.Int();
                    var root = id < 0 ? null : from.Node<VersionedList<T>.Node>(id);
                    var count = from.Int(); // items of the root, not bytes to follow: not a Count
                    if (count < 0 || count > (root?.Count ?? 0)) throw new InvalidDataException($"A version of {count} items over a tree of {root?.Count ?? 0}.");
                    return new VersionedList<T>.View(root, count);
                default:
                    throw new InvalidDataException("Not a part of a versioned list.");
            }
        }
    }

    private static void SaveNode<T>(VersionedList<T>.Node node, SnapshotWriter to) where T : unmanaged
    {
        if (to.Nodes.ContainsKey(node)) return;
        if (node is VersionedList<T>.Leaf leaf)
        {
            to.Write(LeafTag);
            to.Write(to.Leaves[leaf]);
            to.Write(leaf.Length);
        }
        else
        {
            var inner = (VersionedList<T>.Inner)node;
            for (var i = 0; i < inner.Length; i++) SaveNode(inner.Children[i], to);
            to.Write(InnerTag);
            to.Write(inner.Length);
            for (var i = 0; i < inner.Length; i++) to.Write(to.Nodes[inner.Children[i]]);
        }
        to.Nodes[node] = to.Nodes.Count;
    }
}
