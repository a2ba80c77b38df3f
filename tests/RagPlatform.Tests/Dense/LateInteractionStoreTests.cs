using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Late;

namespace RagPlatform.Tests.Dense;

public sealed class LateInteractionStoreTests : IDisposable
{
    private const int Dims = 8;
    private static readonly EmbeddingModelIdentity s_model = new("test-model", new string('c', 64), Dims);
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-late-").FullName;

    // Query token counts below, at and past the four rows MaxSim scores at once (and their remainders).
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(9)]
    public void MaxSim_of_int8_tokens_matches_float_maxsim_and_survives_reopen(int queryTokens)
    {
        var random = new Random(3);
        var doc = Guid.NewGuid();
        var tokensA = RandomRows(random, 5);
        var tokensB = RandomRows(random, 7);
        var query = RandomRows(random, queryTokens);
        Open().Upsert("c", s_model, [doc], [("a", doc, tokensA), ("b", doc, tokensB)], CancellationToken.None);

        var scores = Open().Score("c", s_model, query, ["a", "b", "missing"]);

        Assert.Equal(2, scores.Count);
        Assert.Equal(FloatMaxSim(query, tokensA), scores["a"], 0.005); // int8 rounding: |error| per dot <= dims * 0.5 / 127 * max|q|, far below this
        Assert.Equal(FloatMaxSim(query, tokensB), scores["b"], 0.005);
    }

    [Fact]
    public void Replacing_and_deleting_documents_is_replayed_on_open()
    {
        var docA = Guid.NewGuid();
        var docB = Guid.NewGuid();
        var store = Open();
        store.Upsert("c", s_model, [docA, docB], [("a-0", docA, Row(0)), ("a-1", docA, Row(1)), ("b-0", docB, Row(2))], CancellationToken.None);
        store.Upsert("c", s_model, [docA], [("a-0", docA, Row(3))], CancellationToken.None);
        store.Delete("c", [docB], CancellationToken.None);

        var reopened = Open();

        Assert.Equal(new Dictionary<Guid, int> { [docA] = 1 }, reopened.GetChunkCounts("c"));
        Assert.Equal(1.0, reopened.Score("c", s_model, Row(3), ["a-0"])["a-0"], 2);
        Assert.Equal(1, reopened.TokenCount("c"));
    }

    [Fact]
    public void Another_model_and_a_damaged_segment_are_clear_errors()
    {
        var doc = Guid.NewGuid();
        var store = Open();
        store.Upsert("c", s_model, [doc], [("a-0", doc, Row(0))], CancellationToken.None);

        var mismatch = Assert.Throws<IndexUnavailableException>(() => Open().Score("c", s_model with { Name = "other" }, Row(0), ["a-0"]));
        Assert.Contains("Re-index", mismatch.Message, StringComparison.Ordinal);

        var segment = Directory.GetFiles(store.Folder("c"), "seg-*.bin").Single();
        File.WriteAllBytes(segment, File.ReadAllBytes(segment)[..20]);
        var damaged = Assert.Throws<IndexUnavailableException>(() => Open().GetChunkCounts("c"));
        Assert.Contains("damaged", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_process_sees_committed_writes_within_a_second_and_catches_up_before_it_writes()
    {
        var time = new FakeTimeProvider();
        Guid docA = Guid.NewGuid(), docB = Guid.NewGuid(), docC = Guid.NewGuid();
        var worker = Open();
        worker.Upsert("c", s_model, [docA], [("a-0", docA, Row(0))], CancellationToken.None);
        var server = new LateInteractionStore(Options.Create(new StorageOptions { DataDirectory = _data }), time);
        Assert.Equal([docA], server.GetChunkCounts("c").Keys);

        worker.Upsert("c", s_model, [docB], [("b-0", docB, Row(1))], CancellationToken.None);
        Assert.DoesNotContain(docB, server.GetChunkCounts("c").Keys);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1.0, server.Score("c", s_model, Row(1), ["b-0"])["b-0"], 2);

        // The server deletes after the worker committed again, inside the second: it reads the worker's commit first,
        // so its segment neither takes the worker's number nor drops the worker's chunks.
        worker.Upsert("c", s_model, [docC], [("c-0", docC, Row(2))], CancellationToken.None);
        server.Delete("c", [docA], CancellationToken.None);

        Assert.Equal(new HashSet<Guid> { docB, docC }, Open().GetChunkCounts("c").Keys.ToHashSet());
        Assert.Equal(4, Directory.GetFiles(worker.Folder("c"), "seg-*.bin").Length);
    }

    public void Dispose() => Directory.Delete(_data, true);

    private LateInteractionStore Open() => new(Options.Create(new StorageOptions { DataDirectory = _data }));

    private static float[] Row(int axis)
    {
        var row = new float[Dims];
        row[axis] = 1;
        return row;
    }

    private static float[] RandomRows(Random random, int count)
    {
        var rows = new float[count * Dims];
        for (var t = 0; t < count; t++)
        {
            var row = rows.AsSpan(t * Dims, Dims);
            for (var d = 0; d < Dims; d++)
            {
                row[d] = (float)((random.NextDouble() * 2) - 1);
            }

            var norm = 0f;
            foreach (var x in row)
            {
                norm += x * x;
            }

            norm = MathF.Sqrt(norm);
            for (var d = 0; d < Dims; d++)
            {
                row[d] /= norm;
            }
        }

        return rows;
    }

    private static double FloatMaxSim(float[] query, float[] document)
    {
        var total = 0.0;
        for (var q = 0; q < query.Length / Dims; q++)
        {
            var best = double.NegativeInfinity;
            for (var t = 0; t < document.Length / Dims; t++)
            {
                var dot = 0.0;
                for (var d = 0; d < Dims; d++)
                {
                    dot += query[(q * Dims) + d] * document[(t * Dims) + d];
                }

                best = Math.Max(best, dot);
            }

            total += best;
        }

        return total / (query.Length / Dims);
    }
}
