using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Replaces served documents atomically, and settles replacements a crash left in flight (finish or roll back).
/// </summary>
internal sealed class DocumentReplacer(IMetadataStore store, IDocumentIndex[] indexes, FileStore files, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Replaces served documents so that the old version stays whole in the database and the file store until every
    /// store holds the new one: the new file is staged beside the live one with a marker (the new hash) that recovery
    /// reads, every index is written with the new version, then the database commits text, pages, sections, chunks,
    /// hash and state in one transaction and the staged file is promoted by an atomic rename. On any failure every
    /// index written so far is rewritten from the database's served version and the staged file is dropped.
    /// Between the first index commit and the database commit, the indexes already hold the new chunks while the
    /// database still holds the old text (see ARCHITECTURE.md, "the replacement window").
    /// </summary>
    public async Task ReplaceAsync(string collection, List<PreparedInput> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var documents = batch
            .Select(p => p.Document! with { Info = p.Document!.Info with { State = DocumentState.Indexed, Error = null, UpdatedAt = now } })
            .ToList();
        var staged = documents.Select(d => new StagedVersion(d.Info.Id, d.Info.ContentHash)).ToList();
        var written = 0;
        try
        {
            foreach (var prepared in batch)
            {
                await files.StageAsync(prepared.Document!.Info.Id, prepared.FilePath, prepared.Document.Info.ContentHash, cancellationToken);
            }

            var indexed = documents.Select(d => new IndexedDocument(d.Info, d.Chunks, d.Text)).ToList();
            foreach (var index in indexes)
            {
                written++;
                await index.UpsertAsync(collection, indexed, cancellationToken);
            }

            await store.ReplaceDocumentsAsync(documents, cancellationToken);
        }
        catch (Exception ex)
        {
            try
            {
                // Bounded work that must happen even when the run is being cancelled.
                var committed = await SettleStagedAsync(staged, indexes.Take(written), CancellationToken.None);
                if (committed.Count == staged.Count)
                {
                    return; // the database commit went through although it reported a failure
                }
            }
            catch (Exception rollback) when (rollback is not OperationCanceledException)
            {
                // The markers stay, so the next start's recovery rolls back what could not be restored now.
                staged.ForEach(s => Log.RollbackFailed(logger, rollback, s.DocumentId));
            }

            ExceptionDispatchInfo.Throw(ex);
        }

        foreach (var document in documents)
        {
            files.CommitStaged(document.Info.Id);
        }
    }

    /// <summary>
    /// Finishes or rolls back staged replacements. When the database holds a document's new hash, the new version
    /// committed: its staged file is promoted. Otherwise <paramref name="toRestore"/> are rewritten from the database's
    /// served version and the staged file is dropped. Returns the ids whose new version had committed.
    /// </summary>
    public async Task<HashSet<Guid>> SettleStagedAsync(IReadOnlyList<StagedVersion> staged, IEnumerable<IDocumentIndex> toRestore, CancellationToken cancellationToken)
    {
        var committed = new HashSet<Guid>();
        var restore = new List<IndexedDocument>();
        foreach (var version in staged)
        {
            var document = await store.GetDocumentAsync(version.DocumentId, cancellationToken);
            if (document is not null && document.ContentHash == version.ContentHash)
            {
                committed.Add(document.Id);
            }
            else if (document is { State: DocumentState.Indexed })
            {
                restore.Add(new IndexedDocument(document, await store.GetChunksAsync(document.Id, cancellationToken)));
            }

            // A document deleted meanwhile, or not served: recovery's orphan pass removes whatever the indexes hold of it.
        }

        foreach (var index in toRestore)
        {
            foreach (var group in restore.GroupBy(d => d.Info.Collection, StringComparer.Ordinal))
            {
                await index.UpsertAsync(group.Key, [.. group], cancellationToken);
            }
        }

        foreach (var version in staged)
        {
            if (committed.Contains(version.DocumentId))
            {
                files.CommitStaged(version.DocumentId);
            }
            else
            {
                files.DiscardStaged(version.DocumentId);
                Log.ReplaceRolledBack(logger, version.DocumentId);
            }
        }

        return committed;
    }
}
