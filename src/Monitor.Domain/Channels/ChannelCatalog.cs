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
    /// What to tell someone who named a channel that is not here: the one they likely meant ("theatre-commander",
    /// "minister"), and every id there is.
    /// </summary>
    public string Unknown(string? id)
    {
        var guess = LikelyChannel.Meant(id ?? "", All.Select(c => c.Id)) is { } likely ? $" Did you mean '{likely}'?" : "";
        return $"Unknown channel {SafeText.Quote(id)}.{guess} Known channels: {string.Join(", ", All.Select(c => c.Id))}.";
    }
}
