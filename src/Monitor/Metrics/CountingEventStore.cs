using Monitor.Alerts;
using Monitor.EventStore;

namespace Monitor.Metrics;

/// <summary>The log, counting what this process appends to it (by kind of stream) for /metrics.</summary>
public sealed class CountingEventStore(IEventStore inner, MonitorMetrics metrics) : IEventStore
{
    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        var result = await inner.AppendAsync(stream, expected, events, ct);
        metrics.Appends.WithLabels(AlertStreams.IsAlert(stream) ? "alert" : stream).Inc(events.Count);
        return result;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default) =>
        inner.ReadAllAsync(position, maxCount, ct);

    public Task<IReadOnlyList<T>> ReadAllDecodedAsync<T>(long position, int maxCount, EventDecoder<T> decode, CancellationToken ct = default) =>
        inner.ReadAllDecodedAsync(position, maxCount, decode, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default) =>
        inner.ReadStreamAsync(stream, revision, maxCount, ct);

    public Task<long> HeadPositionAsync(CancellationToken ct = default) => inner.HeadPositionAsync(ct);

    public Task WaitForAppendAsync(long position, CancellationToken ct) => inner.WaitForAppendAsync(position, ct);
}
