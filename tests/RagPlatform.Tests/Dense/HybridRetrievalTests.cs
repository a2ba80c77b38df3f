using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Dense;

public sealed class HybridRetrievalTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-hybrid-").FullName;

    [Fact]
    public async Task Every_pipeline_ranks_the_relevant_record_first_and_keeps_its_stage_scores()
    {
        await using var services = await IndexedServicesAsync();
        var retriever = services.GetRequiredService<Retriever>();

        foreach (var name in SearchPipeline.All)
        {
            var response = await retriever.SearchAsync(new SearchRequest("why is it warmer in summer than in winter", "c", 3, name), CancellationToken.None);

            Assert.Equal("seasons", response.Hits[0].Source);
            Assert.Equal(name, response.Pipeline);
            if (name != SearchPipeline.Bm25)
            {
                Assert.NotNull(response.Hits[0].Scores.Dense);
            }

            if (name is SearchPipeline.Hybrid or SearchPipeline.HybridRerank)
            {
                Assert.NotNull(response.Hits[0].Scores.Fused);
            }

            if (name == SearchPipeline.HybridRerank)
            {
                Assert.NotNull(response.Hits[0].Scores.Late);
                Assert.NotNull(response.Hits[0].Scores.Rerank);
            }
        }
    }

    [Fact]
    public async Task Rebuilding_the_indexes_from_the_database_gives_the_same_rankings()
    {
        await using var services = await IndexedServicesAsync();
        var retriever = services.GetRequiredService<Retriever>();
        var request = new SearchRequest("how do enzymes affect reactions", "c", 3, SearchPipeline.HybridRerank);
        var before = await retriever.SearchAsync(request, CancellationToken.None);

        var rebuilt = await services.GetRequiredService<IngestionPipeline>().RebuildIndexesAsync("c", CancellationToken.None);
        var after = await retriever.SearchAsync(request, CancellationToken.None);

        Assert.Equal(3, rebuilt);
        Assert.Equal(before.Hits.Select(h => h.ChunkId), after.Hits.Select(h => h.ChunkId));
        Assert.Equal(before.Hits.Select(h => Math.Round(h.Score, 4)), after.Hits.Select(h => Math.Round(h.Score, 4)));
        foreach (var index in services.GetServices<IDocumentIndex>())
        {
            Assert.Equal([1, 1, 1], (await index.GetChunkCountsAsync("c", CancellationToken.None)).Values);
        }
    }

    [Fact]
    public async Task A_search_scoped_to_documents_serves_their_hits_among_the_deeper_ranking_in_every_pipeline()
    {
        await using var services = await IndexedServicesAsync();
        var retriever = services.GetRequiredService<Retriever>();
        const string question = "how do enzymes affect reactions in summer";

        foreach (var name in SearchPipeline.All)
        {
            var deep = await retriever.SearchAsync(new SearchRequest(question, "c", SearchRequest.ScopeDepthFactor, name), CancellationToken.None);
            var wanted = deep.Hits[^1].DocumentId;
            var scoped = await retriever.SearchAsync(new SearchRequest(question, "c", 1, name, Documents: [wanted]), CancellationToken.None);

            // The best-ranked document is not the one asked for, so an unscoped top 1 would serve nothing of it.
            Assert.NotEqual(wanted, deep.Hits[0].DocumentId);
            var hit = Assert.Single(scoped.Hits);
            Assert.Equal(wanted, hit.DocumentId);
            Assert.Equal(deep.Hits.First(h => h.DocumentId == wanted).ChunkId, hit.ChunkId);
            Assert.False(string.IsNullOrEmpty(hit.Text));
        }
    }

    private async Task<ServiceProvider> IndexedServicesAsync()
    {
        var services = LibraryServices.WithMiniLm(_data).BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        Assert.Contains("dense", pipeline.IndexNames);
        await pipeline.IndexRecordsAsync("c", [
            new TextRecord("seasons", "Seasons", "The tilt of Earth's axis changes how directly sunlight strikes each hemisphere, causing summer and winter."),
            new TextRecord("lease", "Leases", "A lease must state the rent, the term and the obligations of landlord and tenant."),
            new TextRecord("enzymes", "Enzymes", "Enzymes lower the activation energy of biochemical reactions in cells."),
        ], singleChunk: true, null, CancellationToken.None);
        return services;
    }

    public void Dispose() => Directory.Delete(_data, true);
}
