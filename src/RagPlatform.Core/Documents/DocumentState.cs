namespace RagPlatform.Core.Documents;

/// <summary>Lifecycle of a document. Only <see cref="Indexed"/> documents are ever served by search.</summary>
public enum DocumentState
{
    /// <summary>Stored and waiting for the indexer.</summary>
    Queued,

    /// <summary>Being written to the stores; invisible to search until every store committed.</summary>
    Indexing,

    /// <summary>Committed in every store.</summary>
    Indexed,

    /// <summary>Could not be indexed; <see cref="DocumentInfo.Error"/> says why.</summary>
    Failed,
}
