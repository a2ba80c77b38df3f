using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// The "late" index of the ingestion pipeline: encodes each chunk (title + " " + text, like the dense index) to
/// per-token vectors and writes them to the <see cref="ILateInteractionIndex"/> for MaxSim reranking.
/// </summary>
public sealed class LateIndexWriter(ITokenVectorEncoder encoder, ILateInteractionIndex store) : IDocumentIndex
{
    /// <inheritdoc />
    public string Name => "late";

    /// <inheritdoc />
    public Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        var chunks = documents.SelectMany(d => d.Chunks.Select(c => (d.Info.Title, Chunk: c))).ToList();
        var entries = new List<(string, Guid, float[])>(chunks.Count);
        if (chunks.Count > 0)
        {
            var tokens = encoder.EncodeTokens([.. chunks.Select(c => DenseIndexWriter.PassageText(c.Title, c.Chunk.Text))], false, cancellationToken);
            for (var i = 0; i < chunks.Count; i++)
            {
                entries.Add((chunks[i].Chunk.Id, chunks[i].Chunk.DocumentId, tokens.Vectors[i]));
            }
        }

        store.Upsert(collection, encoder.Model, [.. documents.Select(d => d.Info.Id)], entries, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        store.Delete(collection, documentIds, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken) =>
        Task.FromResult(store.GetChunkCounts(collection));

    /// <inheritdoc />
    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        store.DropCollection(collection);
        return Task.CompletedTask;
    }
}
