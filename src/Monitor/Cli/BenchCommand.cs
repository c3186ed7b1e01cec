using System.CommandLine;

namespace Monitor.Cli;

public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure the embedded store and read models against a raw SQLite baseline.");
}
