namespace Monitor.Channels;

public sealed record Channel(string Id, string Name, string Description);

/// <summary>The channels the monitor follows: configuration, not code, so a new one needs no release.</summary>
public sealed class ChannelCatalog
{
    public static readonly IReadOnlyList<Channel> Defaults =
    [
        new("military", "Military-to-military",
            "Regular contacts: chiefs of defense, policy talks (DPCT), maritime consultations (MMCA), senior officials meeting the Central Military Commission."),
        new("theater-commander", "Theater commanders",
            "Commanders of US Indo-Pacific Command and of the PLA theater commands."),
        new("defense-minister", "Defense ministers",
            "The US Secretary of Defense and China's Minister of National Defense."),
    ];

    private readonly Dictionary<string, Channel> _byId;

    public ChannelCatalog(IEnumerable<Channel> channels)
    {
        All = channels.ToList();
        _byId = All.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Channel> All { get; }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public Channel? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// What to tell someone who named a channel that is not here: the closest id when it looks like a misspelling
    /// ("theatre-commander"), and every id there is.
    /// </summary>
    public string Unknown(string? id)
    {
        var known = $"Known channels: {string.Join(", ", All.Select(c => c.Id))}.";
        var closest = All.Select(c => (c.Id, Distance: EditDistance((id ?? "").ToLowerInvariant(), c.Id))).MinBy(c => c.Distance);
        var guess = closest.Id is not null && closest.Distance <= Math.Max(2, closest.Id.Length / 4) ? $" Did you mean '{closest.Id}'?" : "";
        return $"Unknown channel {SafeText.Quote(id)}.{guess} {known}";
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
