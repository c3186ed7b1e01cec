namespace Monitor.Tests.Process;

/// <summary>A fact that mounts a file system (a small tmpfs), which needs root: elsewhere it is skipped, saying why.</summary>
public sealed class NeedsRootFactAttribute : FactAttribute
{
    public NeedsRootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "Mounting the small tmpfs this test fills needs root; the tests run as " + Environment.UserName + ".";
    }
}
