using System.Security.Cryptography;
using Monitor.Files;

namespace Monitor.Hosting;

/// <summary>
/// With no analyst key configured, the server makes one and keeps it in the user's configuration folder
/// (`$XDG_CONFIG_HOME/monitor/analyst-key`, else `~/.config/monitor/analyst-key`, owner-only), where the CLI finds it
/// from any folder. Never in the data folder: that often sits inside a source tree, one `git add -A` from a commit.
/// </summary>
public static class AnalystKeyFile
{
    public const string FileName = "analyst-key";

    /// <summary>Where the key lives unless Monitor:Auth:KeyFile says otherwise.</summary>
    public static string DefaultPath => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } configHome ? configHome
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
        "monitor", FileName);

    /// <summary>The configured keys; with none, the key in <paramref name="keyFile"/>, made if missing.</summary>
    /// <param name="dataDirectory">Where earlier versions kept the key: one found there moves to <paramref name="keyFile"/>.</param>
    public static List<string> KeysOrGenerated(List<string> configured, string keyFile, string dataDirectory)
    {
        if (configured.Count > 0) return configured;
        OwnerOnly.Folder(Path.GetDirectoryName(keyFile)!);
        var legacy = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(keyFile) && File.Exists(legacy)) File.Move(legacy, keyFile);
        if (!File.Exists(keyFile))
        {
            using var writer = new StreamWriter(keyFile, OwnerOnly.Create(FileMode.CreateNew));
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, OwnerOnly.FileMode);
        return [File.ReadAllText(keyFile).Trim()];
    }
}
