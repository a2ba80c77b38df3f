using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Onnx;
using RagPlatform.Search;
using RagPlatform.Storage;
using RagPlatform.Tests.Indexing;

namespace RagPlatform.Tests.Collections;

/// <summary>Collection delete and rename on the real stack (SQLite, Lucene, USearch, the token store, MiniLM).</summary>
public sealed class CollectionAdminTests : IDisposable
{
    private static readonly TextRecord[] s_records =
    [
        new("lease", "Leases", "A lease must state the rent, the term and the obligations of landlord and tenant."),
        new("enzymes", "Enzymes", "Enzymes lower the activation energy of biochemical reactions in cells."),
    ];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "ragp-admin-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Renaming_moves_every_index_folder_as_written_and_dense_search_serves_the_new_name()
    {
        await using var services = await IndexedAsync(embed: true);
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var before = Snapshot(storage.IndexDirectory("drafts"), "dense", "late");
        Assert.NotEmpty(before);

        var renamed = await services.GetRequiredService<CollectionAdmin>().RenameAsync("drafts", "final", CancellationToken.None);

        Assert.Equal(("final", 2), (renamed.Name, renamed.Documents));
        Assert.False(Directory.Exists(storage.IndexDirectory("drafts")), "the old name still has index folders");
        // Same files, same sizes, same write times: the vectors were moved, not embedded and written again.
        Assert.Equal(before, Snapshot(storage.IndexDirectory("final"), "dense", "late"));
        var response = await services.GetRequiredService<Retriever>().SearchAsync(
            new SearchRequest("rent owed by a tenant to the landlord", "final", 2, SearchPipeline.Dense), CancellationToken.None);
        Assert.Equal("Leases", response.Hits[0].Title);
        Assert.NotNull(response.Hits[0].Scores.Dense);
        var bm25 = await services.GetRequiredService<Retriever>().SearchAsync(
            new SearchRequest("activation energy", "final", 2, SearchPipeline.Bm25), CancellationToken.None);
        Assert.Equal("Enzymes", bm25.Hits[0].Title);
    }

    [Fact]
    public async Task While_a_delete_runs_a_rename_gets_409_and_a_job_on_the_collection_waits_for_the_delete_to_end()
    {
        var scripted = new ScriptedIndex();
        await using var services = await IndexedAsync(embed: false, s => s.AddSingleton<IDocumentIndex>(scripted));
        var admin = services.GetRequiredService<CollectionAdmin>();
        var runner = services.GetRequiredService<JobRunner>();
        var folder = Path.Combine(_data, "incoming");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "charter.txt"), "CHARTER\n\nArticle 1. The association meets every spring.\n");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scripted.DropHeldUntil = release.Task;

        var deleting = admin.DeleteAsync("drafts", CancellationToken.None);
        await scripted.DropReached;
        // No job is queued or running, so only the gate tells the rename that the collection is being changed.
        var rename = await Assert.ThrowsAsync<ConflictException>(() => admin.RenameAsync("drafts", "final", CancellationToken.None));
        Assert.Contains("'drafts' is being written", rename.Message, StringComparison.Ordinal);
        var job = await runner.EnqueueAsync("drafts", folder, isUpload: false, prune: false, CancellationToken.None);
        var running = runner.RunAsync(job, progress: null, CancellationToken.None);
        release.SetResult();
        await deleting;
        var finished = await running;

        Assert.Equal(JobState.Succeeded, finished.State);
        var events = scripted.Events.ToList();
        Assert.True(events.IndexOf("dropped drafts") < events.LastIndexOf("upsert drafts"), string.Join(", ", events));
        Assert.Null(await services.GetRequiredService<IMetadataStore>().GetCollectionAsync("final", CancellationToken.None));
    }

    private static SortedDictionary<string, (long Length, DateTime Written)> Snapshot(string root, params string[] kinds)
    {
        var files = new SortedDictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            foreach (var file in new DirectoryInfo(Path.Combine(root, kind)).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(root, file.FullName)] = (file.Length, file.LastWriteTimeUtc);
            }
        }

        return files;
    }

    private async Task<ServiceProvider> IndexedAsync(bool embed, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["Embedding:Enabled"] = embed ? "true" : "false",
            ["Embedding:Model"] = "all-MiniLM-L6-v2",
            ["Embedding:Threads"] = "1",
        }).Build();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRagCore().AddRagStorage().AddRagSearch().AddRagIngestion();
        if (embed)
        {
            collection.AddRagOnnx();
        }

        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<IMetadataStore>().EnsureCollectionAsync("drafts", CancellationToken.None);
        var summary = await services.GetRequiredService<IngestionPipeline>()
            .IndexRecordsAsync("drafts", s_records, singleChunk: true, null, CancellationToken.None);
        Assert.Equal(2, summary.Added);
        return services;
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, true);
        }
    }
}
