namespace RagPlatform.Core.Indexing;

/// <summary>How much one write batch carries: few enough documents that one bad file costs little, chunks enough to keep the encoder fed.</summary>
internal static class BatchLimits
{
    public const int MaxDocuments = 64;
    public const int MaxChunks = 4096;
}
