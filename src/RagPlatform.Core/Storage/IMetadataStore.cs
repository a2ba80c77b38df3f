namespace RagPlatform.Core.Storage;

/// <summary>
/// Seam to the metadata database (EF Core in RagPlatform.Storage): collections, documents with their text, pages,
/// sections, chunks and summary trees, and jobs. Each method is one transaction. The four narrow interfaces are the
/// store's seams; a caller that needs one of them takes that one, and this composite serves those that use several.
/// </summary>
public interface IMetadataStore : ICollectionStore, IDocumentStore, ITreeStore, IJobStore
{
    /// <summary>Creates the schema or applies pending migrations.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}
