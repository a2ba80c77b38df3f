using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;
using RagPlatform.Onnx;
using RagPlatform.Search.Late;

namespace RagPlatform.Tests.Answering;

/// <summary>
/// Sentence vectors stored at index time, on the real stack (SQLite, Lucene, USearch, the token store and the real
/// MiniLM model): every quotable sentence of every chunk has its vector on disk, and an ask that reads them answers
/// exactly as one that encodes the evidence sentences at question time.
/// </summary>
public sealed class SentenceVectorTests
{
    private static readonly string[] s_questions =
    [
        "What factors are considered in determining fair use?",
        "What exclusive rights does the owner of copyright have?",
        "Can the owner of copyright perform the work publicly?",
        "Is fair use of a copyrighted work for teaching an infringement?",
    ];

    [Fact]
    public async Task Every_quotable_sentence_of_every_chunk_is_stored_and_survives_a_reopen()
    {
        await using var stack = await IndexedStack.CreateAsync(services => WithModel(services, sentenceVectors: true));
        var (model, chunks) = await ChunksAsync(stack);
        var keys = chunks.SelectMany(c => ExtractiveAnswerer.EmbeddableSentences(c.Text)).Select(SentenceVector.KeyOf).Distinct().ToList();
        Assert.True(keys.Count > 10, $"only {keys.Count} sentences");

        var store = stack.Services.GetRequiredService<ISentenceVectorIndex>();
        var found = store.FindSentences(IndexedStack.Collection, model, [], [.. chunks.Select(c => c.DocumentId).Distinct()], keys);
        Assert.Equal(keys.Count, found.Count);

        // The stored vector is the model's embedding of that sentence as a passage.
        var sentence = ExtractiveAnswerer.EmbeddableSentences(chunks[0].Text).First();
        var fresh = (await stack.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync([sentence, "padding text of another length entirely"])).First();
        Assert.True(ExtractiveAnswerer.Cosine(fresh.Vector.Span, found[SentenceVector.KeyOf(sentence)]) > 0.9999);

        // Read back from the segment files by a fresh store over the same folder.
        var reopened = new LateInteractionStore(stack.Services.GetRequiredService<IOptions<StorageOptions>>());
        Assert.Equal(keys.Count, reopened.FindSentences(IndexedStack.Collection, model, [.. chunks.Select(c => c.Id)], [], keys).Count);
        // Another model's query finds nothing: its vectors would score on another scale.
        Assert.Empty(reopened.FindSentences(IndexedStack.Collection, model with { Sha256 = "other" }, [.. chunks.Select(c => c.Id)], [], keys));
    }

    [Fact]
    public async Task Asks_reading_stored_sentence_vectors_answer_as_asks_that_encode_them()
    {
        await using var stored = await IndexedStack.CreateAsync(services => WithModel(services, sentenceVectors: true));
        await using var encoded = await IndexedStack.CreateAsync(services => WithModel(services, sentenceVectors: false));
        var (model, chunks) = await ChunksAsync(encoded);
        var keys = chunks.SelectMany(c => ExtractiveAnswerer.EmbeddableSentences(c.Text)).Select(SentenceVector.KeyOf).ToList();
        Assert.Empty(encoded.Services.GetRequiredService<ISentenceVectorIndex>().FindSentences(IndexedStack.Collection, model, [.. chunks.Select(c => c.Id)], [], keys));

        foreach (var question in s_questions)
        {
            var a = await stored.Services.GetRequiredService<Answerer>().AskAsync(new AskRequest(question, IndexedStack.Collection), CancellationToken.None);
            var b = await encoded.Services.GetRequiredService<Answerer>().AskAsync(new AskRequest(question, IndexedStack.Collection), CancellationToken.None);
            Assert.Contains("relevance: lexical + embedding similarity", a.Trace ?? []);
            Assert.Equal(b.Text, a.Text);
            Assert.Equal(b.Abstained, a.Abstained);
            Assert.Equal(b.Citations.Select(c => (c.CharStart, c.CharEnd, c.Quote)), a.Citations.Select(c => (c.CharStart, c.CharEnd, c.Quote)));
            Assert.Equal(b.Relevance ?? 0, a.Relevance ?? 0, 3);
        }
    }

    [Fact]
    public async Task Cached_query_encodings_equal_fresh_ones_and_are_not_shared_with_callers()
    {
        using var cached = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = ModelSpec.MiniLmL6V2, Threads = 1 }));
        using var uncached = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = ModelSpec.MiniLmL6V2, Threads = 1, QueryCacheSize = 0 }));
        var first = cached.EncodeTokens(["fair use of a copyrighted work"], true, CancellationToken.None);
        first.Pooled[0][0] += 10; // a caller that writes into its result must not change the next caller's
        first.Vectors[0][0] += 10;
        var again = cached.EncodeTokens(["fair use of a copyrighted work"], true, CancellationToken.None);
        var fresh = uncached.EncodeTokens(["fair use of a copyrighted work"], true, CancellationToken.None);

        Assert.Equal(fresh.Pooled[0], again.Pooled[0]);
        Assert.Equal(fresh.Vectors[0], again.Vectors[0]);
        // The pooled vector a query search reads comes from the same cache entry, unchanged as well.
        var generated = (await cached.GenerateAsync(["fair use of a copyrighted work"], EmbeddingPurpose.ForQueries())).Single();
        Assert.Equal(fresh.Pooled[0], generated.Vector.ToArray());
    }

    private static void WithModel(IServiceCollection services, bool sentenceVectors)
    {
        services.AddRagOnnx();
        services.Configure<EmbeddingOptions>(o => (o.Model, o.Threads) = (ModelSpec.MiniLmL6V2, 1));
        services.Configure<AnswerOptions>(o => o.SentenceVectors = sentenceVectors);
    }

    private static async Task<(EmbeddingModelIdentity Model, List<Core.Documents.Chunk> Chunks)> ChunksAsync(IndexedStack stack)
    {
        var metadata = stack.Services.GetRequiredService<IMetadataStore>();
        var document = Assert.Single(await metadata.ListDocumentsAsync(IndexedStack.Collection, CancellationToken.None));
        var model = DenseIndexWriter.ModelIdentity(stack.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        return (model, [.. await metadata.GetChunksAsync(document.Id, CancellationToken.None)]);
    }
}
