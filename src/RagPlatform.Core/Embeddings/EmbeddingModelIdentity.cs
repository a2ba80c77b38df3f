namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Which model wrote an index's vectors (DESIGN.md invariant 5). Available from an embedding generator through
/// <c>GetService(typeof(EmbeddingModelIdentity))</c>.
/// </summary>
/// <param name="Name">Model name ("arctic-embed-xs", "all-MiniLM-L6-v2", or the folder name of a custom model).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the ONNX model bytes.</param>
/// <param name="Dimensions">Vector length.</param>
public sealed record EmbeddingModelIdentity(string Name, string Sha256, int Dimensions)
{
    /// <summary>"name (sha256 prefix, dimensions)", for messages.</summary>
    public override string ToString() => $"{Name} (sha256 {Sha256[..Math.Min(12, Sha256.Length)]}, {Dimensions} dims)";
}
