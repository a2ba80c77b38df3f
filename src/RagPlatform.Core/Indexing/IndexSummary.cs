using RagPlatform.Core.Jobs;

namespace RagPlatform.Core.Indexing;

/// <summary>The outcome of an indexing run (CONTRACT.md `ragp index --json`).</summary>
public sealed record IndexSummary
{
    /// <summary>Collection indexed.</summary>
    public required string Collection { get; init; }

    /// <summary>New documents.</summary>
    public int Added { get; init; }

    /// <summary>Changed documents replaced.</summary>
    public int Updated { get; init; }

    /// <summary>Unchanged documents skipped.</summary>
    public int Unchanged { get; init; }

    /// <summary>Documents removed by pruning.</summary>
    public int Removed { get; init; }

    /// <summary>Inputs that failed.</summary>
    public int Failed { get; init; }

    /// <summary>Per-input errors.</summary>
    public IReadOnlyList<FileError> Errors { get; init; } = [];

    /// <summary>Pages of the added and updated documents.</summary>
    public int Pages { get; init; }

    /// <summary>Chunks of the added and updated documents.</summary>
    public int Chunks { get; init; }

    /// <summary>Wall time.</summary>
    public double Seconds { get; init; }
}
