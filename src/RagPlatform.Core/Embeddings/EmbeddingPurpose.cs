using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// Says whether texts given to an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> are search queries or passages:
/// asymmetric models (arctic-embed) prefix queries with an instruction, passages never.
/// Passed as <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>[<see cref="PropertyName"/>]; absent means document.
/// </summary>
public static class EmbeddingPurpose
{
    /// <summary>The additional-property key.</summary>
    public const string PropertyName = "ragplatform.purpose";

    /// <summary>The texts are search queries.</summary>
    public const string Query = "query";

    /// <summary>The texts are passages to index.</summary>
    public const string Document = "document";

    /// <summary>Options that mark the texts as queries.</summary>
    public static EmbeddingGenerationOptions ForQueries() =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = Query } };

    /// <summary>Whether <paramref name="options"/> marks the texts as queries.</summary>
    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties
        && properties.TryGetValue(PropertyName, out var value)
        && string.Equals(value as string, Query, StringComparison.OrdinalIgnoreCase);
}
