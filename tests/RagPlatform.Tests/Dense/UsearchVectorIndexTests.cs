using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Dense;

namespace RagPlatform.Tests.Dense;

public sealed class UsearchVectorIndexTests : IDisposable
{
    private const int Dims = 16;
    private static readonly EmbeddingModelIdentity s_model = new("test-model", new string('a', 64), Dims);
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-dense-").FullName;

    [Fact]
    public void Vectors_survive_reopen_and_the_nearest_comes_first()
    {
        var docA = Guid.NewGuid();
        var docB = Guid.NewGuid();
        using (var index = Open())
        {
            index.Upsert("c", s_model, [docA, docB], [Entry("a-0", docA, 0), Entry("a-1", docA, 1), Entry("b-0", docB, 2)], CancellationToken.None);
        }

        using var reopened = Open();
        var matches = reopened.Search("c", s_model, Unit(1), 2);

        Assert.Equal("a-1", matches[0].ChunkId);
        Assert.Equal(docA, matches[0].DocumentId);
        Assert.Equal(1.0, matches[0].Score, 4);
        Assert.Equal(new Dictionary<Guid, int> { [docA] = 2, [docB] = 1 }, reopened.GetChunkCounts("c"));
    }

    [Fact]
    public void A_reader_follows_another_writers_commits_within_a_second_and_catches_up_before_it_writes()
    {
        var docA = Guid.NewGuid();
        var docB = Guid.NewGuid();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        using var writer = Open();
        using var reader = new UsearchVectorIndex(Options.Create(new StorageOptions { DataDirectory = _data }), Options.Create(new DenseOptions()), clock);
        writer.Upsert("c", s_model, [docA], [Entry("a-0", docA, 0)], CancellationToken.None);
        Assert.Equal(new Dictionary<Guid, int> { [docA] = 1 }, reader.GetChunkCounts("c"));

        // The other process commits: the reader keeps its snapshot until a second has passed, then reopens.
        writer.Upsert("c", s_model, [docB], [Entry("b-0", docB, 1)], CancellationToken.None);
        Assert.Equal(new Dictionary<Guid, int> { [docA] = 1 }, reader.GetChunkCounts("c"));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(new Dictionary<Guid, int> { [docA] = 1, [docB] = 1 }, reader.GetChunkCounts("c"));
        Assert.Equal("b-0", reader.Search("c", s_model, Unit(1), 1)[0].ChunkId);

        // Its own write is served at once and not reloaded; it goes on following the other writer, which in turn
        // reads the reader's commit before it writes, so neither drops the other's vectors.
        reader.Delete("c", [docA], CancellationToken.None);
        Assert.Equal(new Dictionary<Guid, int> { [docB] = 1 }, reader.GetChunkCounts("c"));
        writer.Upsert("c", s_model, [docA], [Entry("a-9", docA, 3)], CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(new Dictionary<Guid, int> { [docA] = 1, [docB] = 1 }, reader.GetChunkCounts("c"));
        Assert.Equal("a-9", reader.Search("c", s_model, Unit(3), 1)[0].ChunkId);
    }

    [Fact]
    public void Exact_scores_are_the_cosines_of_the_listed_chunks_and_follow_updates()
    {
        var docA = Guid.NewGuid();
        var docB = Guid.NewGuid();
        using var index = Open();
        index.Upsert("c", s_model, [docA, docB], [Entry("a-0", docA, 0), Entry("a-1", docA, 1), Entry("b-0", docB, 2)], CancellationToken.None);

        var scores = index.Score("c", s_model, Unit(1), ["a-1", "b-0", "missing"]);

        Assert.Equal(2, scores.Count);
        Assert.Equal(1.0, scores["a-1"], 5);
        Assert.Equal(0.0, scores["b-0"], 5);
        index.Upsert("c", s_model, [docB], [Entry("b-0", docB, 1)], CancellationToken.None);
        Assert.Equal(1.0, index.Score("c", s_model, Unit(1), ["b-0"])["b-0"], 5);
        index.Delete("c", [docA], CancellationToken.None);
        Assert.Empty(index.Score("c", s_model, Unit(1), ["a-1"]));
    }

    [Fact]
    public void Delete_and_update_replace_a_documents_vectors()
    {
        var docA = Guid.NewGuid();
        var docB = Guid.NewGuid();
        using var index = Open();
        index.Upsert("c", s_model, [docA, docB], [Entry("a-0", docA, 0), Entry("b-0", docB, 1)], CancellationToken.None);

        index.Upsert("c", s_model, [docA], [Entry("a-0", docA, 5)], CancellationToken.None);
        index.Delete("c", [docB], CancellationToken.None);

        using var reopened = Open();
        var matches = reopened.Search("c", s_model, Unit(1), 10);
        Assert.Equal(["a-0"], matches.Select(m => m.ChunkId));
        Assert.Equal(1.0, reopened.Search("c", s_model, Unit(5), 1)[0].Score, 4);
        Assert.Equal(1, reopened.GetChunkCounts("c")[docA]);
    }

    [Fact]
    public void Another_model_is_refused_with_a_clear_error()
    {
        var doc = Guid.NewGuid();
        using (var index = Open())
        {
            index.Upsert("c", s_model, [doc], [Entry("a-0", doc, 0)], CancellationToken.None);
        }

        using var reopened = Open();
        var other = s_model with { Sha256 = new string('b', 64) };
        var error = Assert.Throws<IndexUnavailableException>(() => reopened.Search("c", other, Unit(0), 1));
        Assert.Contains("test-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-index", error.Message, StringComparison.Ordinal);
        Assert.Throws<IndexUnavailableException>(() => reopened.Upsert("c", other, [doc], [Entry("a-0", doc, 0)], CancellationToken.None));
    }

    [Fact]
    public void A_damaged_index_file_is_a_clear_error()
    {
        var doc = Guid.NewGuid();
        string folder;
        using (var index = Open())
        {
            index.Upsert("c", s_model, [doc], [Entry("a-0", doc, 0), Entry("a-1", doc, 1)], CancellationToken.None);
            folder = index.Folder("c");
        }

        File.WriteAllBytes(Path.Combine(folder, "keys.bin"), [1, 2, 3]);
        using var reopened = Open();
        var error = Assert.Throws<IndexUnavailableException>(() => reopened.Search("c", s_model, Unit(0), 1));
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void A_collection_without_dense_index_gives_no_matches()
    {
        using var index = Open();

        Assert.Empty(index.Search("none", s_model, Unit(0), 5));
        Assert.Empty(index.GetChunkCounts("none"));
    }

    [Fact]
    public void Hnsw_recall_at_10_matches_exact_search()
    {
        var random = new Random(7);
        var doc = Guid.NewGuid();
        var vectors = Enumerable.Range(0, 2000).Select(_ => RandomUnit(random)).ToArray();
        using var index = Open();
        index.Upsert("c", s_model, [doc], [.. vectors.Select((v, i) => new VectorEntry($"k{i}", doc, v))], CancellationToken.None);

        var found = 0;
        const int queries = 50;
        for (var q = 0; q < queries; q++)
        {
            var query = RandomUnit(random);
            var exact = vectors.Select((v, i) => (Id: $"k{i}", Score: Dot(v, query))).OrderByDescending(p => p.Score).Take(10).Select(p => p.Id).ToHashSet();
            found += index.Search("c", s_model, query, 10).Count(m => exact.Contains(m.ChunkId));
        }

        Assert.True(found / (queries * 10.0) >= 0.99, $"recall@10 {found / (queries * 10.0)}");
    }

    [Fact]
    public void Many_more_concurrent_searches_than_cores_all_succeed()
    {
        var random = new Random(11);
        var doc = Guid.NewGuid();
        var vectors = Enumerable.Range(0, 500).Select(_ => RandomUnit(random)).ToArray();
        using (var writer = Open())
        {
            writer.Upsert("c", s_model, [doc], [.. vectors.Select((v, i) => new VectorEntry($"k{i}", doc, v))], CancellationToken.None);
        }

        using var index = Open();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var wrong = 0;
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 32).Select(t => new Thread(() =>
        {
            start.Wait();
            for (var q = 0; q < 20; q++)
            {
                try
                {
                    var target = (t * 20) + q;
                    var best = index.Search("c", s_model, vectors[target % vectors.Length], 5)[0];
                    if (best.ChunkId != $"k{target % vectors.Length}")
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        Assert.Equal(0, wrong);
    }

    public void Dispose() => Directory.Delete(_data, true);

    private UsearchVectorIndex Open() =>
        new(Options.Create(new StorageOptions { DataDirectory = _data }), Options.Create(new DenseOptions()));

    private static VectorEntry Entry(string chunkId, Guid documentId, int axis) => new(chunkId, documentId, Unit(axis));

    private static float[] Unit(int axis)
    {
        var vector = new float[Dims];
        vector[axis] = 1;
        return vector;
    }

    private static float[] RandomUnit(Random random)
    {
        var vector = Enumerable.Range(0, Dims).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = MathF.Sqrt(Dot(vector, vector));
        return [.. vector.Select(x => x / norm)];
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
