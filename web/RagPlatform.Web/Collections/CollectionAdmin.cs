using RagPlatform.Core.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Web.Workers;

namespace RagPlatform.Web.Collections;

/// <summary>
/// Deletes and renames collections and re-indexes single documents, for the API and the library page alike. A
/// collection with a queued or running job is left alone (409): the job would write under the old name.
/// </summary>
internal sealed class CollectionAdmin(
    IMetadataStore store,
    IngestionPipeline pipeline,
    IEnumerable<IDocumentIndex> indexes,
    FileStore files,
    UploadStore uploads,
    JobRunner runner,
    JobSignal signal,
    ILogger<CollectionAdmin> logger)
{
    private const int RewriteBatchDocuments = 64;

    /// <summary>Removes the collection, its documents from every index and store, and its answer history.</summary>
    public async Task DeleteAsync(string collection, CancellationToken cancellationToken)
    {
        var name = await ExistingIdleAsync(collection, cancellationToken);
        var documents = await store.ListDocumentsAsync(name, cancellationToken);
        foreach (var document in documents)
        {
            await pipeline.DeleteDocumentAsync(document.Id, cancellationToken);
        }

        foreach (var index in indexes)
        {
            await index.DropCollectionAsync(name, cancellationToken);
        }

        await store.DeleteCollectionAsync(name, cancellationToken);
        Log.CollectionDeleted(logger, name, documents.Count);
    }

    /// <summary>
    /// Renames the collection: the database moves in one transaction, then each index is written under the new name
    /// from the stored chunks and dropped under the old one (summary trees hang off documents and stay as they are).
    /// Returns the renamed collection.
    /// </summary>
    public async Task<CollectionInfo> RenameAsync(string collection, string? newName, CancellationToken cancellationToken)
    {
        var name = await ExistingIdleAsync(collection, cancellationToken);
        var target = CollectionName.Validate(newName);
        if (target == name)
        {
            throw new InvalidRequestException($"The collection is named '{name}' already.");
        }

        if (await store.GetCollectionAsync(target, cancellationToken) is not null)
        {
            throw new ConflictException($"A collection named '{target}' exists already; delete it or pick another name.");
        }

        await store.RenameCollectionAsync(name, target, cancellationToken);
        var documents = (await store.ListDocumentsAsync(target, cancellationToken)).Where(d => d.State == DocumentState.Indexed).ToList();
        foreach (var index in indexes.Where(i => i is not TreeIndex))
        {
            await index.DropCollectionAsync(target, cancellationToken);
            foreach (var batch in documents.Chunk(RewriteBatchDocuments))
            {
                var written = new List<IndexedDocument>(batch.Length);
                foreach (var document in batch)
                {
                    written.Add(new IndexedDocument(document, await store.GetChunksAsync(document.Id, cancellationToken)));
                }

                await index.UpsertAsync(target, written, cancellationToken);
            }

            await index.DropCollectionAsync(name, cancellationToken);
        }

        Log.CollectionRenamed(logger, name, target, documents.Count);
        return await store.GetCollectionAsync(target, cancellationToken)
            ?? throw new InvalidOperationException($"The collection '{target}' vanished while it was renamed.");
    }

    /// <summary>
    /// Queues a job that decodes, chunks and indexes the document again (even when its file is unchanged): from its
    /// file when it came from a folder and the file is still there, else from the original the server stored.
    /// The served version stays until the new one is indexed.
    /// </summary>
    public async Task<JobInfo> ReindexAsync(DocumentInfo document, CancellationToken cancellationToken)
    {
        var fromFolder = Path.IsPathRooted(document.Source);
        string path;
        if (fromFolder)
        {
            path = File.Exists(document.Source)
                ? document.Source
                : throw new ConflictException($"The file '{document.Source}' is gone; index it again from where it is now.");
        }
        else
        {
            await using var original = files.Open(document.Id)
                ?? throw new ConflictException($"The original file of '{document.Source}' is not stored; upload it again.");
            path = await uploads.SaveCopyAsync(document.Source, original, cancellationToken);
        }

        // Indexing skips files whose content hash it has seen; forgetting the hash makes this run decode the file again.
        await store.UpsertDocumentInfoAsync(document with { ContentHash = string.Empty }, cancellationToken);
        var job = await runner.EnqueueAsync(document.Collection, path, isUpload: !fromFolder, prune: false, cancellationToken);
        signal.Notify();
        Log.ReindexQueued(logger, document.Id, job.Id);
        return job;
    }

    private async Task<string> ExistingIdleAsync(string collection, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        if (await store.GetCollectionAsync(name, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{name}'.");
        }

        var active = (await store.ListJobsAsync(int.MaxValue, cancellationToken))
            .FirstOrDefault(j => j.Collection == name && j.State is JobState.Queued or JobState.Running);
        return active is null
            ? name
            : throw new ConflictException($"Job {active.Id} is {active.State.ToString().ToLowerInvariant()} on '{name}'; wait until it ends (GET /api/jobs/{active.Id}).");
    }
}
