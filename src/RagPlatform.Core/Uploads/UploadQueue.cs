using RagPlatform.Core.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Uploads;

/// <summary>
/// Turns files a host has saved into one folder into queued work: the collection exists, each new file shows up as
/// a Queued document at once, and one upload job indexes the folder. The host only reads and saves the request.
/// </summary>
public sealed class UploadQueue(IMetadataStore store, JobRunner runner, TimeProvider time)
{
    /// <summary>Records the files (name and size) saved in <paramref name="folder"/> and queues the job; returns it.</summary>
    public async Task<JobInfo> QueueAsync(
        string collection, string folder, IReadOnlyList<(string Name, long Length)> files, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        await store.EnsureCollectionAsync(name, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var (fileName, length) in files)
        {
            // New documents show up as Queued at once; an existing version stays served until its replacement is indexed.
            // Should the job end without reaching a file, the server turns its Queued record Failed.
            if (await store.FindDocumentBySourceAsync(name, fileName, cancellationToken) is null)
            {
                await store.UpsertDocumentInfoAsync(
                    new DocumentInfo(Guid.CreateVersion7(now), name, fileName, fileName, string.Empty, DocumentState.Queued,
                        0, 0, length, [], null, now, now),
                    cancellationToken);
            }
        }

        return await runner.EnqueueAsync(name, folder, isUpload: true, prune: false, cancellationToken);
    }
}
