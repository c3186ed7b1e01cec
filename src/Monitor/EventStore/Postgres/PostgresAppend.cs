namespace Monitor.EventStore.Postgres;

/// <summary>
/// What every process appending to one database agrees on to keep the global order gap-safe (see
/// <see cref="PostgresEventStore"/>): the append lock, which monitor_append (<see cref="PostgresSchema"/>) takes
/// before it reads where the log ends, and holds until its transaction commits.
/// </summary>
internal static class PostgresAppend
{
    /// <summary>The advisory lock every append transaction of every process holds until it ends ("Monitor" in ASCII).</summary>
    public const long Lock = 0x4D_6F_6E_69_74_6F_72;
}
