using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Workers;

namespace RagPlatform.Web.Collections;

/// <summary>Queues re-index jobs for single documents, for the API and the library page alike.</summary>
internal sealed class DocumentReindexer(
    IMetadataStore store,
    FileStore files,
    UploadStore uploads,
    JobRunner runner,
    JobSignal signal,
    ILogger<DocumentReindexer> logger)
{
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
}
