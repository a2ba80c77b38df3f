using System.CommandLine;

namespace RagPlatform.Indexer;

/// <summary>Options every verb takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "The data directory (default: Storage:DataDirectory, \"data\": the clone's data/ when run from a clone)",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON on stdout",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print stack traces with errors and more detail in the log",
        Recursive = true,
    };
}
