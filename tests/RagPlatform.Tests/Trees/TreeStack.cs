using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

/// <summary>The real stack (SQLite, Lucene, decoders, tree index) with small leaves, so the sample builds deep trees.</summary>
internal static class TreeStack
{
    public static Task<IndexedStack> CreateAsync(Action<TreeOptions>? tree = null, Action<IServiceCollection>? more = null) =>
        IndexedStack.CreateAsync(services =>
        {
            // Short chunks and leaves: the 2,500-character sample then has enough leaves for three levels.
            services.Configure<IngestionOptions>(o =>
            {
                o.ChunkTargetChars = 250;
                o.ChunkOverlapChars = 0;
                o.ChunkMaxChars = 500;
            });
            services.Configure<TreeOptions>(o =>
            {
                o.LeafTokens = 80;
                o.FanOut = 3;
                tree?.Invoke(o);
            });
            more?.Invoke(services);
        });

    public static async Task<Guid> SampleIdAsync(IndexedStack stack) =>
        (await stack.Services.GetRequiredService<IMetadataStore>().ListDocumentsAsync(IndexedStack.Collection, CancellationToken.None)).Single().Id;

    public static async Task<Guid> IndexFileAsync(IndexedStack stack, string collection, string source, string path)
    {
        var pipeline = stack.Services.GetRequiredService<IngestionPipeline>();
        await pipeline.IndexAsync(collection, [new SourceFile(source, path)], prune: false, progress: null, CancellationToken.None);
        var document = await stack.Services.GetRequiredService<IMetadataStore>().FindDocumentBySourceAsync(collection, source, CancellationToken.None);
        return document!.Id;
    }
}
