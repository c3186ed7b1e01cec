namespace Monitor.Tests.Seeding;

/// <summary>
/// A fact that reads the source articles. They stay in the shared folder beside the clone (../shared/seeds) and
/// are never copied into the project, so where that folder is absent the fact is skipped, saying why: neither
/// passed nor failed.
/// </summary>
public sealed class NeedsSharedSeedsFactAttribute : FactAttribute
{
    public NeedsSharedSeedsFactAttribute()
    {
        if (Folder is null)
        {
            Skip = "The source articles are not here: no shared/seeds folder in or above "
                + $"{AppContext.BaseDirectory}. They live beside the clone (../shared/seeds) "
                + "and are never copied into it.";
        }
    }

    /// <summary>The shared articles folder, found walking up from the test binaries; null when there is none.</summary>
    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
