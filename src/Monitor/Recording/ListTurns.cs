using Monitor.Projections;

namespace Monitor.Recording;

/// <summary>
/// The development list read a turn at a time, newest-dated first: a turn holds the read models' lock over at most
/// <see cref="PerTurn"/> developments, and the next is taken only when the one before has been used. A query that goes
/// through much of a million developments (a word searched for, a filtered count, an export) would otherwise hold writes
/// off for all of it: 2 s for a word found nowhere, 10 s for an export, until waiting writes timed out.
/// </summary>
/// <remarks>
/// A turn starts after the last development the one before went past, as a cursor of the list does, with what that
/// brings: a development written meanwhile is met if it lands ahead of the turns, and one that a correction moves can be
/// met twice or not at all. It is shown once: met again, it is passed over.
/// </remarks>
public static class ListTurns
{
    // About half a millisecond under the lock when each development is searched for a word; a few when each is shown.
    public const int PerTurn = 512;

    /// <summary>
    /// Each development <paramref name="admits"/>, from right after <paramref name="after"/> (null: from the newest): its view
    /// when <paramref name="shown"/> picks it by its index among those admitted, null when it is only counted.
    /// </summary>
    public static IEnumerable<DevelopmentView?> Matches(ReadModel model, Func<DevelopmentRecord, bool> admits, ListCursor? after,
        Func<int, bool> shown)
    {
        var scan = new Scan(admits, shown, after);
        while (!scan.Done)
        {
            foreach (var match in model.Read(m => scan.Turn(m.Developments))) yield return match;
        }
    }

    /// <summary>
    /// What <paramref name="read"/> makes of each development, in log order, a turn at a time. The list only grows at its
    /// end, so each turn starts where the last one stopped: a development recorded meanwhile is met at the end, and one
    /// changed meanwhile is read as it stands in its turn.
    /// </summary>
    public static IEnumerable<T> InLogOrder<T>(ReadModel model, Func<DevelopmentRecord, T> read)
    {
        for (var next = 0; ;)
        {
            var turn = model.Read(m =>
            {
                var developments = m.Developments.InLogOrder;
                var made = new List<T>(Math.Clamp(developments.Count - next, 0, PerTurn));
                for (var i = next; i < developments.Count && made.Count < PerTurn; i++) made.Add(read(developments[i]));
                return made;
            });
            foreach (var item in turn) yield return item;
            if (turn.Count < PerTurn) yield break;
            next += turn.Count;
        }
    }

    private sealed class Scan(Func<DevelopmentRecord, bool> admits, Func<int, bool> shown, ListCursor? after)
    {
        private readonly HashSet<Guid> _shown = [];
        private ListCursor? _after = after;
        private int _matched;

        public bool Done { get; private set; }

        public List<DevelopmentView?> Turn(DevelopmentRegistry developments)
        {
            var matches = new List<DevelopmentView?>();
            var visited = 0;
            foreach (var record in developments.ByDateDescending(_after))
            {
                if (admits(record))
                {
                    if (!shown(_matched)) Add(null);
                    else if (_shown.Add(record.Id)) Add(DevelopmentView.Of(record));
                }
                if (++visited == PerTurn)
                {
                    _after = ListCursor.After(record);
                    return matches;
                }
            }
            Done = true;
            return matches;

            void Add(DevelopmentView? match)
            {
                matches.Add(match);
                _matched++;
            }
        }
    }
}
