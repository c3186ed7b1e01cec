using System.Text.Json;
using Monitor.Json;

namespace Monitor.Bench;

/// <summary>The rows as JSON, for tools that keep bench runs and compare them (`monitor bench --json FILE`).</summary>
public static class ResultJson
{
    public static async Task WriteAsync(string path, string run, IReadOnlyList<BenchRow> rows, CancellationToken ct)
    {
        var document = new
        {
            run,
            cores = Environment.ProcessorCount,
            at = DateTimeOffset.UtcNow,
            rows = rows.Select(r => new
            {
                measurement = r.Measurement,
                ours = new { value = r.Ours.Value, unit = r.Ours.Unit },
                baseline = new { value = r.Baseline.Value, unit = r.Baseline.Unit },
                ratio = r.Ratio,
                target = r.Met is null ? null : r.Target,
                met = r.Met,
            }),
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, MonitorJson.Options, ct);
    }
}
