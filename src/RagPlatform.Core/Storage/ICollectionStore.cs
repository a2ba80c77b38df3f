namespace RagPlatform.Core.Storage;

/// <summary>The collections rows of the metadata database: list, look up, create, delete and rename, each in one transaction.</summary>
public interface ICollectionStore
{
    /// <summary>All collections with their document counts.</summary>
    Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>The collection, or null.</summary>
    Task<CollectionInfo?> GetCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the collection when missing; returns it either way.</summary>
    Task<CollectionInfo> EnsureCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the collection row with its documents (and everything they own) and its answer history, in one
    /// transaction; false when it did not exist. The caller removes the documents' index entries and files.
    /// </summary>
    Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Renames a collection in one transaction: the collection row (keeping its creation time), its documents, its
    /// answer history and its jobs move to <paramref name="newName"/>, which must not exist. The caller rewrites the indexes.
    /// </summary>
    Task RenameCollectionAsync(string name, string newName, CancellationToken cancellationToken);
}
