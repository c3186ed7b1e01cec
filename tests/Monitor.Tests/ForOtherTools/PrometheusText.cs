using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Tests.ForOtherTools;

/// <summary>
/// Prometheus' text exposition format, read strictly: every sample line is `name{label="value",...} number`, and
/// every family is introduced by its # HELP and # TYPE. What Prometheus would refuse fails here.
/// </summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        var typed = new HashSet<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                typed.Add(type.Groups["name"].Value);
                continue;
            }
            if (line.StartsWith('#')) continue;
            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"Not a Prometheus sample line: {line}");
            var name = sample.Groups["name"].Value;
            Assert.True(typed.Contains(name) || typed.Contains(Family(name)), $"{name} has no # TYPE line before it.");
            var labels = sample.Groups["label"].Captures.Zip(sample.Groups["value"].Captures)
                .ToDictionary(pair => pair.First.Value, pair => pair.Second.Value);
            samples.Add(new(name, labels, double.Parse(sample.Groups["number"].Value, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    /// <summary>A counter's samples are named family_total; histograms and summaries add _sum, _count, _bucket.</summary>
    public static string Family(string name) => SuffixPattern().Replace(name, "");

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?<label>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)"",?)*\})? (?<number>-?[0-9.]+(e[+-]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(_total|_sum|_count|_bucket|_created)$")]
    private static partial Regex SuffixPattern();
}
