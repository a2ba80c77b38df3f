using System.CommandLine;

namespace RagPlatform.Indexer;

/// <summary>Options every verb takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "The data directory (default: Storage:DataDirectory from appsettings.json)",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON on stdout",
        Recursive = true,
    };
}
