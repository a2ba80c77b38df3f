using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Storage;

/// <summary>The documents of the metadata database with their text, pages, sections and chunks; each method is one transaction.</summary>
public interface IDocumentStore
{
    /// <summary>Documents of a collection, ordered by source.</summary>
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Documents in a given state, across collections (for recovery and the worker).</summary>
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsByStateAsync(DocumentState state, CancellationToken cancellationToken);

    /// <summary>The document's metadata, or null.</summary>
    Task<DocumentInfo?> GetDocumentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The document of a collection with this source, or null.</summary>
    Task<DocumentInfo?> FindDocumentBySourceAsync(string collection, string source, CancellationToken cancellationToken);

    /// <summary>The document with its text, pages and sections, or null.</summary>
    Task<StoredDocument?> GetStoredDocumentAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces each document with its text, pages, sections and chunks, in one transaction.</summary>
    Task SaveDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Commits new versions of existing documents in one transaction: each document's metadata as given (hash, state,
    /// error), text, pages, sections and chunks. Rows that hang off the document and were written for the new version
    /// before this commit (its summary tree) are kept, unlike <see cref="SaveDocumentsAsync"/>, which recreates the row.
    /// </summary>
    Task ReplaceDocumentsAsync(IReadOnlyList<ParsedDocument> documents, CancellationToken cancellationToken);

    /// <summary>Inserts or updates only the document's metadata (for Queued and Failed records without text).</summary>
    Task UpsertDocumentInfoAsync(DocumentInfo info, CancellationToken cancellationToken);

    /// <summary>Sets the documents' state and error (and UpdatedAt) in one transaction.</summary>
    Task SetDocumentStatesAsync(IReadOnlyCollection<Guid> ids, DocumentState state, string? error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The document's chunks in order.</summary>
    Task<IReadOnlyList<Chunk>> GetChunksAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Chunk count per document of a collection (every state).</summary>
    Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken);

    /// <summary>The subset of <paramref name="ids"/> that are Indexed (servable).</summary>
    Task<IReadOnlySet<Guid>> GetIndexedIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Removes the document and everything it owns; false when it did not exist.</summary>
    Task<bool> DeleteDocumentAsync(Guid id, CancellationToken cancellationToken);
}
