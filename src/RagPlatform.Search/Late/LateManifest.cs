namespace RagPlatform.Search.Late;

/// <summary>The model and layout of a collection's token store (manifest.json).</summary>
/// <param name="Format">File format version.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">SHA-256 of the model bytes.</param>
/// <param name="Dimensions">Token vector length.</param>
internal sealed record LateManifest(int Format, string Model, string ModelSha256, int Dimensions)
{
    public const int CurrentFormat = 1;
}
