namespace Monitor.Files;

/// <summary>The data folder and everything in it are for the account that runs the monitor: folders 0700, files 0600.</summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>Options that create a file readable and writable by its owner only (the umask can only narrow that).</summary>
    public static FileStreamOptions Create(System.IO.FileMode mode, FileAccess access = FileAccess.Write, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }

    /// <summary>
    /// Creates <paramref name="path"/> 0700 if missing, and makes the files directly in it that <paramref name="ours"/> names
    /// owner-only, and the folder too when they are all it holds. A folder shared with other files (`--data .`, a home
    /// folder) keeps its mode, and so do they: making them 0600 would take a script's execute bit, say.
    /// </summary>
    /// <returns>Whether the folder holds anything else, its mode left as it was.</returns>
    public static bool Folder(string path, Func<string, bool> ours)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return false;
        }
        Directory.CreateDirectory(path, FolderMode);
        var shared = false;
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            if (entry is FileInfo && ours(entry.Name)) entry.UnixFileMode = FileMode;
            else shared = true;
        }
        if (!shared) File.SetUnixFileMode(path, FolderMode);
        return shared;
    }
}
