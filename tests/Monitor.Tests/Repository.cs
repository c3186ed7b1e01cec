namespace Monitor.Tests;

/// <summary>The clone these tests were built from: files in it (deploy/, the README) are checked against the program.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Monitor.sln in or above {AppContext.BaseDirectory}: run the tests from a clone.");
    }
}
