using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Search.Dense;

/// <summary>HNSW settings of the dense vector index (section "Dense").</summary>
public sealed class DenseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dense";

    /// <summary>Graph degree (HNSW M); fixed when a collection's index is created.</summary>
    [Range(4, 256)]
    public int Connectivity { get; set; } = 32;

    /// <summary>Candidate list size while inserting (efConstruction).</summary>
    [Range(8, 4096)]
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>Smallest candidate list while searching (ef): searches ask USearch for at least this many.</summary>
    [Range(1, 4096)]
    public int ExpansionSearch { get; set; } = 128;
}
