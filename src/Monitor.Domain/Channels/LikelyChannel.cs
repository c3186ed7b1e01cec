namespace Monitor.Channels;

/// <summary>Which channel id someone meant by a name that is none: a misspelling of one, or a word of one.</summary>
public static class LikelyChannel
{
    /// <returns>The id, or null when no id is a likely one (or several are).</returns>
    public static string? Meant(string given, IEnumerable<string> ids)
    {
        var word = given.Trim().ToLowerInvariant();
        var known = ids.ToList();
        var closest = known.Select(id => (Id: id, Distance: EditDistance(word, id))).MinBy(c => c.Distance);
        // A few slips in a long id ("theatre-commander", "millitary"), not a different word of the same length.
        if (closest.Id is not null && closest.Distance <= Math.Max(2, closest.Id.Length / 4)) return closest.Id;
        var containing = known.Where(id => word.Length >= 3 && id.Split('-').Any(part => part.StartsWith(word, StringComparison.Ordinal))).ToList();
        return containing.Count == 1 ? containing[0] : null;
    }

    /// <summary>Levenshtein distance: how many letters to add, drop or change to turn one word into the other.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
