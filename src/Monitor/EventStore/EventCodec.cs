using System.Text.Json;
using Monitor.Json;

namespace Monitor.EventStore;

/// <summary>
/// Stored names for one family of events, fixed apart from class names so renaming code never breaks history.
/// </summary>
public sealed class EventCodec<TEvent> where TEvent : class
{
    private readonly Dictionary<string, Type> _types;
    private readonly Dictionary<Type, string> _names;

    public EventCodec(params (string Name, Type Type)[] names)
    {
        _types = names.ToDictionary(n => n.Name, n => n.Type, StringComparer.Ordinal);
        _names = names.ToDictionary(n => n.Type, n => n.Name);
    }

    public EventData Encode(TEvent e) =>
        new(Guid.CreateVersion7(), _names[e.GetType()], JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), MonitorJson.Options));

    /// <summary>The event in <paramref name="e"/>, or null when it is not of this family.</summary>
    public TEvent? Decode(RecordedEvent e) =>
        _types.TryGetValue(e.Type, out var type) ? (TEvent?)JsonSerializer.Deserialize(e.Data, type, MonitorJson.Options) : null;
}
