namespace RagPlatform.Search.Dense;

/// <summary>What a collection's dense folder holds, written last on every commit (manifest.json).</summary>
/// <param name="Format">File format version.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">SHA-256 of the model bytes.</param>
/// <param name="Dimensions">Vector length.</param>
/// <param name="Count">Vectors in the index.</param>
/// <param name="NextKey">Next free USearch key.</param>
internal sealed record DenseManifest(int Format, string Model, string ModelSha256, int Dimensions, long Count, ulong NextKey)
{
    public const int CurrentFormat = 1;
}
