using Microsoft.Extensions.Options;
using Monitor.Hosting;

namespace Monitor.Auth;

/// <summary>
/// Refuses to start with a key anyone could guess or that could never be sent: each configured key is checked
/// where it was set, so the refusal names the setting (Monitor:Auth:AnalystKeys:0).
/// </summary>
public sealed class KeySettings(IConfiguration configuration) : IValidateOptions<MonitorOptions>
{
    public const int MinLength = 16;
    private static readonly string[] Lists = ["Monitor:Auth:AnalystKeys", "Monitor:Auth:ReaderKeys"];

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var failures = Lists.SelectMany(list => Problems(configuration.GetSection(list))).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(IConfigurationSection list)
    {
        if (!string.IsNullOrEmpty(list.Value))
            yield return $"{list.Path} is a single value: list the keys as {list.Path}:0, {list.Path}:1, ...";
        var generated = list.Path.EndsWith("AnalystKeys", StringComparison.Ordinal) ? ", or set none for serve to generate one" : "";
        foreach (var key in list.GetChildren())
        {
            var problem = key.Value switch
            {
                null => "is blank",
                var value when string.IsNullOrWhiteSpace(value) => "is blank",
                { Length: < MinLength } => $"is shorter than {MinLength} characters",
                var value when value.Trim() != value => "starts or ends with white space, which no client can send",
                _ => null,
            };
            if (problem is not null)
                yield return $"{key.Path} {problem}: give a key of at least {MinLength} characters (openssl rand -hex 24 makes one){generated}.";
        }
    }
}
