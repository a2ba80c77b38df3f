using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Onnx;
using RagPlatform.Search;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Dense;

/// <summary>
/// Three-way fusion (Embedding:SecondModel): BM25 and two real ONNX encoders over one collection, each encoder with
/// its own vector index; the fused order is the z-score fusion of the three lists.
/// </summary>
public sealed class ThreeWayFusionTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-3way-").FullName;

    public void Dispose() => Directory.Delete(_data, true);

    [Fact]
    public async Task Both_encoders_index_their_own_vectors_and_every_hit_carries_three_scores()
    {
        await using var services = await IndexedServicesAsync(ModelSpec.ArcticEmbedXs);
        Assert.Contains("dense2", services.GetRequiredService<IngestionPipeline>().IndexNames);
        var second = services.GetRequiredService<SecondDenseRetriever>();
        Assert.Equal(4, second.Vectors.GetChunkCounts("c").Count);
        Assert.NotEqual(
            DenseIndexWriter.ModelIdentity(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).Name,
            DenseIndexWriter.ModelIdentity(second.Generator).Name);

        const string query = "who is liable when cargo carried by road is lost";
        var response = await services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, "c", 4, SearchPipeline.Hybrid), CancellationToken.None);

        Assert.Equal("trucking", response.Hits[0].Source);
        Assert.Equal(4, response.Hits.Count);
        Assert.All(response.Hits, h => Assert.NotNull(h.Scores.Dense2));

        // The second score is that encoder's cosine between the query and the passage as indexed (title + text).
        var hit = response.Hits[0];
        var q = (await second.Generator.GenerateAsync([query], EmbeddingPurpose.ForQueries())).Single().Vector.ToArray();
        var p = (await second.Generator.GenerateAsync([DenseIndexWriter.PassageText(hit.Title, Passages["trucking"].Text)])).Single().Vector.ToArray();
        Assert.Equal(q.Zip(p, (a, b) => (double)a * b).Sum(), hit.Scores.Dense2!.Value, 3);

        // Every candidate was served (4 of 4), so the fused order can be recomputed from the hits' own scores.
        var options = new SearchOptions();
        var fused = ScoreFusion.ZScore(
            [
                response.Hits.Where(h => h.Scores.Bm25 is not null).ToDictionary(h => h.ChunkId, h => h.Scores.Bm25!.Value),
                response.Hits.ToDictionary(h => h.ChunkId, h => h.Scores.Dense!.Value),
                response.Hits.ToDictionary(h => h.ChunkId, h => h.Scores.Dense2!.Value),
            ],
            [options.Bm25Weight, options.DenseWeight, options.SecondDenseWeight]);
        Assert.Equal(fused.OrderByDescending(f => f.Value).Select(f => f.Key), response.Hits.Select(h => h.ChunkId));
        Assert.All(response.Hits, h => Assert.Equal(fused[h.ChunkId], h.Scores.Fused!.Value, 9));
    }

    [Fact]
    public async Task Deleting_a_document_removes_it_from_the_second_index_too()
    {
        await using var services = await IndexedServicesAsync(ModelSpec.ArcticEmbedXs);
        var store = services.GetRequiredService<IMetadataStore>();
        var lease = (await store.ListDocumentsAsync("c", CancellationToken.None)).Single(d => d.Source == "lease");

        Assert.True(await services.GetRequiredService<IngestionPipeline>().DeleteDocumentAsync(lease.Id, CancellationToken.None));

        var counts = services.GetRequiredService<SecondDenseRetriever>().Vectors.GetChunkCounts("c");
        Assert.Equal(3, counts.Count);
        Assert.DoesNotContain(lease.Id, counts.Keys);
    }

    [Fact]
    public async Task A_query_longer_than_one_window_fuses_without_the_second_encoder()
    {
        await using var services = await IndexedServicesAsync(ModelSpec.ArcticEmbedXs);
        var words = string.Join(' ', Enumerable.Repeat("the carrier drove the truck with the cargo along the road", 30));
        Assert.True(QueryWindows.Split(words, new SearchOptions().QueryWindowWords, new SearchOptions().MaxQueryWindows).Count > 1);

        var response = await services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(words, "c", 4, SearchPipeline.Hybrid), CancellationToken.None);

        Assert.Equal("trucking", response.Hits[0].Source);
        Assert.All(response.Hits, h => Assert.Null(h.Scores.Dense2));
        Assert.All(response.Hits, h => Assert.NotNull(h.Scores.Dense));
    }

    [Fact]
    public async Task Without_a_second_model_there_is_no_second_score()
    {
        await using var services = await IndexedServicesAsync(null);
        Assert.Null(services.GetService<SecondDenseRetriever>());
        Assert.DoesNotContain("dense2", services.GetRequiredService<IngestionPipeline>().IndexNames);

        var response = await services.GetRequiredService<Retriever>().SearchAsync(
            new SearchRequest("who is liable when cargo carried by road is lost", "c", 4, SearchPipeline.Hybrid), CancellationToken.None);

        Assert.Equal("trucking", response.Hits[0].Source);
        Assert.All(response.Hits, h => Assert.Null(h.Scores.Dense2));
    }

    [Fact]
    public void Z_score_fusion_of_three_lists_sums_three_weighted_standardized_scores()
    {
        var a = new Dictionary<string, double> { ["x"] = 10, ["y"] = 0 };
        var b = new Dictionary<string, double> { ["x"] = 0.1, ["y"] = 0.3 };
        var c = new Dictionary<string, double> { ["x"] = 0.2, ["y"] = 0.9, ["z"] = 0.5 };

        var fused = ScoreFusion.ZScore([a, b, c], [1.0, 1.0, 2.0]);

        // a and b: z = +-1 over two items; c over three (0.2, 0.9, 0.5); z, absent from a and b, takes their lowest z (-1).
        var mean = (0.2 + 0.9 + 0.5) / 3;
        var sd = Math.Sqrt((Math.Pow(0.2 - mean, 2) + Math.Pow(0.9 - mean, 2) + Math.Pow(0.5 - mean, 2)) / 3);
        Assert.Equal(1 - 1 + (2 * (0.2 - mean) / sd), fused["x"], 9);
        Assert.Equal(-1 + 1 + (2 * (0.9 - mean) / sd), fused["y"], 9);
        Assert.Equal(-1 - 1 + (2 * (0.5 - mean) / sd), fused["z"], 9);
    }

    private static readonly Dictionary<string, (string Title, string Text)> Passages = new()
    {
        ["seasons"] = ("Seasons", "The tilt of Earth's axis changes how directly sunlight strikes each hemisphere, causing summer and winter."),
        ["lease"] = ("Leases", "A lease must state the rent, the term and the obligations of landlord and tenant."),
        ["enzymes"] = ("Enzymes", "Enzymes lower the activation energy of biochemical reactions in cells."),
        ["trucking"] = ("Freight", "A carrier of goods by road is liable for loss of the cargo unless it proves an act of God."),
    };

    private async Task<ServiceProvider> IndexedServicesAsync(string? secondModel)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["Embedding:Model"] = ModelSpec.MiniLmL6V2,
            ["Embedding:Threads"] = "1",
            ["Embedding:SecondModel"] = secondModel,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddRagCore().AddRagStorage().AddRagSearch().AddRagIngestion().AddRagOnnx(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<IngestionPipeline>().IndexRecordsAsync(
            "c", [.. Passages.Select(p => new TextRecord(p.Key, p.Value.Title, p.Value.Text))], singleChunk: true, null, CancellationToken.None);
        return services;
    }
}
