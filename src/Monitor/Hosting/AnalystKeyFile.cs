using System.Security.Cryptography;
using Monitor.Files;

namespace Monitor.Hosting;

/// <summary>
/// With no analyst key configured, the server makes one and keeps it in the user's configuration folder
/// (`$XDG_CONFIG_HOME/monitor/analyst-key`, else `~/.config/monitor/analyst-key`; folder 0700, file 0600): one key
/// per user, which every local server without configured keys takes and the CLI finds from any folder. Never in
/// the data folder: that often sits inside a clone, one `git add -A` from a commit.
/// </summary>
public static class AnalystKeyFile
{
    public const string FileName = "analyst-key";

    /// <summary>Where the key lives unless Monitor:Auth:KeyFile says otherwise; null when this account has no home folder to keep it in.</summary>
    public static string? DefaultPath
    {
        get
        {
            // The XDG convention: a relative XDG_CONFIG_HOME is invalid and ignored.
            var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { } xdg && Path.IsPathFullyQualified(xdg) ? xdg
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".config")
                : null;
            return configHome is null ? null : Path.Combine(configHome, "monitor", FileName);
        }
    }

    /// <summary>The configured keys; with none, the key in the key file, made if missing (or moved there from where earlier versions kept it).</summary>
    /// <exception cref="StartRefusedException">There is nowhere to keep a generated key.</exception>
    public static AnalystKeys Resolve(AuthOptions auth, string dataDirectory)
    {
        var legacy = Path.Combine(dataDirectory, FileName);
        if (auth.AnalystKeys.Count > 0) return new(auth.AnalystKeys, null, LeftBehind(legacy));
        var file = auth.KeyFile ?? DefaultPath ?? throw new StartRefusedException(
            "No home folder to keep the generated analyst key in: set HOME or XDG_CONFIG_HOME, point Monitor:Auth:KeyFile at a file, "
            + "or configure Monitor:Auth:AnalystKeys.");
        try
        {
            var moved = Keep(file, legacy);
            return new([File.ReadAllText(file).Trim()], file, moved ? $"Moved the analyst key from {legacy} to {file}." : LeftBehind(legacy));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StartRefusedException($"Cannot keep the analyst key in {file}: {error.Message} "
                + "Point Monitor:Auth:KeyFile at a file this account may write, or configure Monitor:Auth:AnalystKeys.", error);
        }
    }

    /// <summary>Makes sure <paramref name="file"/> holds a key, owner-only; true when it was moved there from <paramref name="legacy"/>.</summary>
    private static bool Keep(string file, string legacy)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else File.SetUnixFileMode(Directory.CreateDirectory(folder, OwnerOnly.FolderMode).FullName, OwnerOnly.FolderMode);
        var moved = !File.Exists(file) && File.Exists(legacy) && Claim(legacy, file);
        if (!File.Exists(file))
        {
            // Written whole beside it, then put in place: a server or CLI reading the key never sees half of one.
            var draft = $"{file}.{Environment.ProcessId}.new";
            using (var writer = new StreamWriter(draft, OwnerOnly.Create(FileMode.Create)))
                writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (!Claim(draft, file)) File.Delete(draft);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, OwnerOnly.FileMode);
        return moved;
    }

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="target"/> unless a file is there already (a second server starting
    /// at the same moment): no server ever replaces the key another one gave out.
    /// </summary>
    private static bool Claim(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    private static string? LeftBehind(string legacy) =>
        File.Exists(legacy) ? $"{legacy} is left from an earlier version and no longer used: delete it." : null;
}

/// <summary>The keys that may write, and what `serve` tells about them: the file a generated key is in (null: configured), and what start did.</summary>
public sealed record AnalystKeys(List<string> Keys, string? File, string? Note);
