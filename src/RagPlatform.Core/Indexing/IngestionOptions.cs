using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>Decoding and chunking settings (section "Ingestion").</summary>
public sealed class IngestionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>Files larger than this are refused with a clear error.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Target chunk length in characters; chunks end on sentence boundaries near it.</summary>
    [Range(100, 20000)]
    public int ChunkTargetChars { get; set; } = 1200;

    /// <summary>Characters of overlap between consecutive chunks of one section (whole sentences).</summary>
    [Range(0, 5000)]
    public int ChunkOverlapChars { get; set; } = 150;

    /// <summary>Hard upper bound of a chunk's length, for text without sentence ends.</summary>
    [Range(200, 50000)]
    public int ChunkMaxChars { get; set; } = 2400;

    /// <summary>Files indexed at once by a job.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 2;
}
