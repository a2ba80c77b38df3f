using Microsoft.Extensions.AI;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Retrieval;

/// <summary>
/// A second dense retriever for three-way fusion (BM25 + the main encoder + this one): its own encoder and its own
/// vector index, filled at indexing time by <see cref="SecondDenseIndex"/>. Registered only when
/// <c>Embedding:SecondModel</c> names a model (docs/decisions/0018-fusion-across-dev-sets.md).
/// </summary>
/// <param name="Generator">The second encoder.</param>
/// <param name="Vectors">The vector index that holds its vectors (a folder apart from the main encoder's).</param>
public sealed record SecondDenseRetriever(IEmbeddingGenerator<string, Embedding<float>> Generator, IVectorIndex Vectors)
{
    /// <summary>The service key of the second encoder's <see cref="IVectorIndex"/>.</summary>
    public const string IndexKey = "dense2";
}

/// <summary>
/// The index of the second encoder's vectors as the ingestion pipeline sees it ("dense2"): every chunk embedded as
/// title + " " + text, like the main dense index, without token vectors (the late-interaction store is the main
/// encoder's).
/// </summary>
public sealed class SecondDenseIndex(SecondDenseRetriever second) : IDocumentIndex
{
    private readonly DenseIndexWriter _writer = new(second.Generator, second.Vectors);

    /// <inheritdoc />
    public string Name => "dense2";

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken) =>
        _writer.UpsertAsync(collection, documents, cancellationToken);

    /// <inheritdoc />
    public Task<PreparedWrite> PrepareUpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken) =>
        _writer.PrepareUpsertAsync(collection, documents, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) =>
        _writer.DeleteAsync(collection, documentIds, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken) =>
        _writer.GetChunkCountsAsync(collection, cancellationToken);

    /// <inheritdoc />
    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken) =>
        _writer.DropCollectionAsync(collection, cancellationToken);

    /// <inheritdoc />
    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken) =>
        _writer.RenameCollectionAsync(collection, newName, cancellationToken);
}
