namespace Monitor.Cli;

/// <summary>
/// The settings commands take as serve does. The words `serve` and `migrate` pass on as configuration
/// (--Monitor:Auth:AnalystKeys:0=KEY): anything else is refused, so a misspelt option (--dat) or a stray word is said,
/// rather than ignored while the command goes on with its defaults.
/// </summary>
internal static class ConfigurationArguments
{
    // The host's own settings that are written in lower case; configuration keys otherwise name a section or begin upper case.
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "environment", "applicationName", "contentRoot" };

    /// <returns>Why <paramref name="tokens"/> are not all configuration, or null when they are.</returns>
    public static string? Refusal(string command, IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                return $"'{token}' is not an option of {command}. See `monitor {command} --help`.";
            var (key, hasValue) = token[2..].Split('=', 2) is [var k, _] ? (k, true) : (token[2..], false);
            if (!key.Contains(':') && !char.IsUpper(key[0]) && !HostKeys.Contains(key))
                return $"{token.Split('=')[0]} is not an option of {command}. See `monitor {command} --help`; settings go as "
                    + "--Section:Key=value (--Monitor:Auth:AnalystKeys:0=KEY).";
            if (!hasValue) i++; // --Key value
        }
        return null;
    }

    /// <summary>The same sources, in the same order, as serve: appsettings.json beside the program, the environment, the arguments.</summary>
    /// <param name="data">--data, if given: it stands for Monitor:DataDirectory.</param>
    public static IConfiguration Read(string? data, IReadOnlyList<string> settings)
    {
        var args = new List<string>(settings);
        if (data is not null) args.Add("--Monitor:DataDirectory=" + data);
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. args], ContentRootPath = AppContext.BaseDirectory })
            .Configuration;
    }

    /// <summary>The data folder serve would use with <paramref name="configuration"/>.</summary>
    public static string DataFolder(IConfiguration configuration) => Path.GetFullPath(configuration["Monitor:DataDirectory"] ?? "data");
}
