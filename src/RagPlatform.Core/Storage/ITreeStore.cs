using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Storage;

/// <summary>The documents' summary trees in the metadata database; each method is one transaction.</summary>
public interface ITreeStore
{
    /// <summary>Replaces the document's summary tree with the given one, in one transaction.</summary>
    Task SaveTreeAsync(SummaryTree tree, CancellationToken cancellationToken);

    /// <summary>The document's summary tree, or null when it has none.</summary>
    Task<SummaryTree?> GetTreeAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Whether the document has a stored summary tree (one cheap query; the nodes are not read).</summary>
    Task<bool> HasTreeAsync(Guid documentId, CancellationToken cancellationToken);

    /// <summary>Removes the documents' summary trees (deleting a document removes its tree too).</summary>
    Task DeleteTreesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken);

    /// <summary>Tree node count per document of a collection that has a tree.</summary>
    Task<IReadOnlyDictionary<Guid, int>> GetTreeNodeCountsAsync(string collection, CancellationToken cancellationToken);
}
