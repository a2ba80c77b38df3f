using Microsoft.Extensions.AI;
using RagPlatform.Core.Diagnostics;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// The "dense" index of the ingestion pipeline: embeds each chunk as its document title + " " + chunk text and
/// writes the vectors to the <see cref="IVectorIndex"/>. When a token encoder and a late-interaction store are
/// registered, the same encoder pass also writes the chunk's token vectors there (one encoder run per chunk, not two),
/// with the vectors of the chunk's evidence sentences (<see cref="AnswerOptions.SentenceVectors"/>), so an extractive
/// ask encodes only its question.
/// </summary>
public sealed class DenseIndexWriter(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IVectorIndex vectors,
    ITokenVectorEncoder? tokenEncoder = null,
    ILateInteractionIndex? late = null,
    IndexingMeter? meter = null,
    IOptions<AnswerOptions>? answerOptions = null) : IDocumentIndex
{
    // Chunks per encoder call: small enough that progress moves and cancellation is seen within seconds.
    private const int StepChunks = 128;

    // Sentences per encoder call (they are short).
    private const int StepSentences = 512;

    private readonly bool _sentenceVectors = answerOptions?.Value.SentenceVectors ?? true;

    /// <inheritdoc />
    public string Name => "dense";

    /// <summary>The text a chunk is embedded as: the title gives passages their topic, as in BEIR's protocol.</summary>
    public static string PassageText(string title, string text) =>
        string.IsNullOrWhiteSpace(title) ? text : $"{title} {text}";

    /// <inheritdoc />
    public async Task UpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        var write = await PrepareUpsertAsync(collection, documents, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>Encodes the batch (pooled, token and sentence vectors); the returned write stores and commits them.</summary>
    public async Task<PreparedWrite> PrepareUpsertAsync(string collection, IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        var model = ModelIdentity(generator);
        var chunks = documents.SelectMany(d => d.Chunks.Select(c => (d.Info.Title, Chunk: c))).ToList();
        var entries = new List<VectorEntry>(chunks.Count);
        var tokenEntries = new List<(string, Guid, float[])>(chunks.Count);
        var texts = chunks.Select(c => PassageText(c.Title, c.Chunk.Text)).ToList();
        if (chunks.Count > 0 && tokenEncoder is not null && late is not null)
        {
            for (var start = 0; start < chunks.Count; start += StepChunks)
            {
                var count = Math.Min(StepChunks, chunks.Count - start);
                TokenVectors encoded;
                using (RagActivity.Source.StartActivity("embed"))
                {
                    encoded = tokenEncoder.EncodeTokens(texts.GetRange(start, count), false, cancellationToken);
                }

                for (var j = 0; j < count; j++)
                {
                    var chunk = chunks[start + j].Chunk;
                    entries.Add(new VectorEntry(chunk.Id, chunk.DocumentId, encoded.Pooled[j]));
                    tokenEntries.Add((chunk.Id, chunk.DocumentId, encoded.Vectors[j]));
                }

                meter?.Report(start + count, chunks.Count);
            }
        }
        else if (chunks.Count > 0)
        {
            for (var start = 0; start < chunks.Count; start += StepChunks)
            {
                var count = Math.Min(StepChunks, chunks.Count - start);
                GeneratedEmbeddings<Embedding<float>> embeddings;
                using (RagActivity.Source.StartActivity("embed"))
                {
                    embeddings = await generator.GenerateAsync(texts.GetRange(start, count), null, cancellationToken);
                }

                for (var j = 0; j < count; j++)
                {
                    var chunk = chunks[start + j].Chunk;
                    entries.Add(new VectorEntry(chunk.Id, chunk.DocumentId, embeddings[j].Vector));
                }

                meter?.Report(start + count, chunks.Count);
            }
        }

        IReadOnlyCollection<Guid> ids = [.. documents.Select(d => d.Info.Id)];
        var sentences = tokenEncoder is not null && late is not null && _sentenceVectors
            ? await EncodeSentencesAsync(chunks.Select(c => c.Chunk.Text).ToList(), cancellationToken)
            : null;
        return new PreparedWrite(ct =>
        {
            // Token vectors first: the dense index's chunk counts are what recovery checks, so it commits last.
            if (tokenEncoder is not null && late is not null)
            {
                late.Upsert(
                    collection, tokenEncoder.Model, ids,
                    [.. tokenEntries.Select((e, i) => new ChunkVectors(e.Item1, e.Item2, e.Item3, sentences?[i] ?? []))],
                    ct);
            }

            vectors.Upsert(collection, model, ids, entries, ct);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Each chunk's evidence sentences (<see cref="ExtractiveAnswerer.EmbeddableSentences"/>) embedded as passages, the
    /// way the extractive answerer would embed them at question time; a sentence repeated in the batch is encoded once.
    /// </summary>
    private async Task<List<SentenceVector>[]> EncodeSentencesAsync(List<string> chunkTexts, CancellationToken cancellationToken)
    {
        var perChunk = chunkTexts.Select(t => ExtractiveAnswerer.EmbeddableSentences(t).Distinct(StringComparer.Ordinal).ToList()).ToList();
        var distinct = perChunk.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToList();
        var byText = new Dictionary<string, float[]>(distinct.Count, StringComparer.Ordinal);
        for (var start = 0; start < distinct.Count; start += StepSentences)
        {
            var texts = distinct.GetRange(start, Math.Min(StepSentences, distinct.Count - start));
            var embeddings = await generator.GenerateAsync(texts, null, cancellationToken);
            for (var j = 0; j < texts.Count; j++)
            {
                byText[texts[j]] = embeddings[j].Vector.ToArray();
            }
        }

        return [.. perChunk.Select(list => list.Select(t => new SentenceVector(SentenceVector.KeyOf(t), byText[t])).ToList())];
    }

    /// <summary>The distinct evidence sentences the writer embeds for these chunk texts (for benchmarks).</summary>
    public static IReadOnlyList<string> EmbeddedSentences(IEnumerable<string> chunkTexts) =>
        [.. chunkTexts.SelectMany(t => ExtractiveAnswerer.EmbeddableSentences(t)).Distinct(StringComparer.Ordinal)];

    /// <inheritdoc />
    public Task DeleteAsync(string collection, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        late?.Delete(collection, documentIds, cancellationToken);
        vectors.Delete(collection, documentIds, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, int>> GetChunkCountsAsync(string collection, CancellationToken cancellationToken) =>
        Task.FromResult(vectors.GetChunkCounts(collection));

    /// <inheritdoc />
    public Task DropCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        late?.DropCollection(collection);
        vectors.DropCollection(collection);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RenameCollectionAsync(string collection, string newName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        late?.RenameCollection(collection, newName);
        vectors.RenameCollection(collection, newName);
        return Task.CompletedTask;
    }

    /// <summary>The identity of the generator's model, or a <see cref="ModelLoadException"/> when it exposes none.</summary>
    public static EmbeddingModelIdentity ModelIdentity(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        generator.GetService<EmbeddingModelIdentity>()
        ?? throw new ModelLoadException("The embedding generator does not say which model it runs (no EmbeddingModelIdentity service).");
}
