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

    /// <summary>Creates <paramref name="path"/> 0700 if missing, and makes it and every file directly in it owner-only.</summary>
    public static void Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
        foreach (var file in Directory.EnumerateFiles(path)) File.SetUnixFileMode(file, FileMode);
    }
}
