using System.Security.Cryptography;

namespace Monitor.Hosting;

/// <summary>
/// With no analyst key configured, the server makes one and keeps it in the data folder (owner-only),
/// so a fresh installation can be written to by whoever can read that folder, and by nobody else.
/// </summary>
public static class AnalystKeyFile
{
    public const string FileName = "analyst-key";

    public static List<string> KeysOrGenerated(List<string> configured, string dataDirectory)
    {
        if (configured.Count > 0) return configured;
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }
        return [File.ReadAllText(path).Trim()];
    }
}
