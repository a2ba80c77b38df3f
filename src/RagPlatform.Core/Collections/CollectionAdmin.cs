using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Collections;

/// <summary>
/// Deletes and renames collections, for the API and the library page alike. A collection that a job or another
/// change holds (<see cref="CollectionGate"/>), or that has a queued or running job, is left alone (409); the check
/// and the change happen under the gate, so no job starts writing the collection in between.
/// </summary>
public sealed class CollectionAdmin(
    IMetadataStore store,
    IngestionPipeline pipeline,
    IEnumerable<IDocumentIndex> indexes,
    CollectionGate gate,
    IOptions<StorageOptions> storage,
    ILogger<CollectionAdmin> logger)
{
    /// <summary>Removes the collection, its documents from every index and store, and its answer history.</summary>
    public async Task DeleteAsync(string collection, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        using var held = await HoldIdleAsync(name, cancellationToken);
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
    /// Renames the collection: the database moves in one transaction, then each index moves its committed folder
    /// to the new name as it is (nothing is embedded or written again, so the request takes milliseconds whatever
    /// the collection's size). Returns the renamed collection.
    /// </summary>
    public async Task<CollectionInfo> RenameAsync(string collection, string? newName, CancellationToken cancellationToken)
    {
        var name = CollectionName.Validate(collection);
        var target = CollectionName.Validate(newName);
        if (target == name)
        {
            throw new InvalidRequestException($"The collection is named '{name}' already.");
        }

        using var held = await HoldIdleAsync(name, cancellationToken);
        using var heldTarget = gate.TryEnter(target)
            ?? throw new ConflictException($"The collection '{target}' is being written; pick another name or try again when its job ends.");
        if (await store.GetCollectionAsync(target, cancellationToken) is not null)
        {
            throw new ConflictException($"A collection named '{target}' exists already; delete it or pick another name.");
        }

        await store.RenameCollectionAsync(name, target, cancellationToken);
        foreach (var index in indexes)
        {
            await index.RenameCollectionAsync(name, target, cancellationToken);
        }

        // Stores no registered index writes any more (vectors of a now disabled embedder) move along too.
        var left = storage.Value.IndexDirectory(name);
        if (Directory.Exists(left))
        {
            foreach (var folder in Directory.EnumerateDirectories(left))
            {
                var moved = Path.Combine(storage.Value.IndexDirectory(target), Path.GetFileName(folder));
                if (!Directory.Exists(moved))
                {
                    IndexFolders.Move(folder, moved);
                }
            }

            Directory.Delete(left, recursive: true);
        }

        var renamed = await store.GetCollectionAsync(target, cancellationToken)
            ?? throw new InvalidOperationException($"The collection '{target}' vanished while it was renamed.");
        Log.CollectionRenamed(logger, name, target, renamed.Documents);
        return renamed;
    }

    private async Task<IDisposable> HoldIdleAsync(string name, CancellationToken cancellationToken)
    {
        if (await store.GetCollectionAsync(name, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{name}'.");
        }

        var held = gate.TryEnter(name);
        try
        {
            var active = (await store.ListJobsAsync(int.MaxValue, cancellationToken))
                .FirstOrDefault(j => j.Collection == name && j.State is JobState.Queued or JobState.Running);
            if (active is not null)
            {
                throw new ConflictException($"Job {active.Id} is {active.State.ToString().ToLowerInvariant()} on '{name}'; wait until it ends (GET /api/jobs/{active.Id}).");
            }

            return held ?? throw new ConflictException($"The collection '{name}' is being written by a job or another change; try again when it ends.");
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }
}
