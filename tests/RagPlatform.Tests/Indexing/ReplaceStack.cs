using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The real stack (SQLite, Lucene FSDirectory, decoders, tree index) over a data directory that outlives it, so a
/// test can drop one stack mid-run (a crash) and open another on the same files.
/// </summary>
internal sealed class ReplaceStack : IAsyncDisposable
{
    public const string Collection = "leases";

    private ReplaceStack(string data, ServiceProvider services, ScriptedIndex scripted)
    {
        Data = data;
        Services = services;
        Scripted = scripted;
    }

    public string Data { get; }

    public ServiceProvider Services { get; }

    public ScriptedIndex Scripted { get; }

    public IMetadataStore Store => Services.GetRequiredService<IMetadataStore>();

    public IngestionPipeline Pipeline => Services.GetRequiredService<IngestionPipeline>();

    public static async Task<ReplaceStack> OpenAsync(string data)
    {
        var scripted = new ScriptedIndex();
        var services = LibraryServices.Over(data)
            .AddSingleton<IDocumentIndex>(scripted)
            .BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        return new ReplaceStack(data, services, scripted);
    }

    public Task<IndexSummary> IndexAsync(string source, string path) =>
        Pipeline.IndexAsync(Collection, [new SourceFile(source, path)], prune: false, progress: null, CancellationToken.None);

    public async Task<DocumentInfo> DocumentAsync(string source) =>
        (await Store.FindDocumentBySourceAsync(Collection, source, CancellationToken.None))!;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query) =>
        (await Services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, Collection, 10), CancellationToken.None)).Hits;

    public IDocumentIndex Index(string name) => Services.GetServices<IDocumentIndex>().Single(i => i.Name == name);

    public byte[]? StoredFile(Guid id)
    {
        using var stream = Services.GetRequiredService<FileStore>().Open(id);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Everything in the file store besides the live originals (staged files, markers, temp files).</summary>
    public IReadOnlyList<string> StagedLeftovers() =>
        [.. Directory.EnumerateFiles(Path.Combine(Data, "files")).Select(Path.GetFileName).Where(n => n!.Contains('.', StringComparison.Ordinal))!];

    /// <summary>Drops the stack without cleaning anything, as a killed process would; the data directory stays.</summary>
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
