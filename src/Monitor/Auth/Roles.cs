namespace Monitor.Auth;

/// <summary>What a key lets its holder do; each role is also the name of the authorization policy that asks for it.</summary>
public static class Roles
{
    /// <summary>Writes: records developments, manages subscriptions, sees how deliveries failed. Also reads.</summary>
    public const string Analyst = "analyst";

    /// <summary>Reads, where reads are closed (Monitor:Auth:ReaderKeys set); open to everyone otherwise.</summary>
    public const string Reader = "reader";
}
