using Monitor.Channels;

namespace Monitor.Hosting;

/// <summary>The "Monitor" configuration section.</summary>
public sealed class MonitorOptions
{
    /// <summary>Folder of the embedded store (monitor.db) and the generated analyst key.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>`sqlite` (embedded) for now; `postgres` arrives with its adapter.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The seed timeline loaded into an empty store; empty to start with no history.</summary>
    public string? SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "seeds", "developments.json");

    public List<Channel> Channels { get; set; } = [];

    public AuthOptions Auth { get; set; } = new();

    public ChannelCatalog Catalog() => new(Channels.Count > 0 ? Channels : ChannelCatalog.Defaults);
}

public sealed class AuthOptions
{
    /// <summary>Bearer keys allowed to write. When none is configured, serve makes one and keeps it in the data folder.</summary>
    public List<string> AnalystKeys { get; set; } = [];

    /// <summary>When any is set, reads need one of these (or an analyst key).</summary>
    public List<string> ReaderKeys { get; set; } = [];
}
