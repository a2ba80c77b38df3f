using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Onnx;

/// <summary>
/// Sentence embeddings from a BERT-style ONNX encoder (arctic-embed-xs, all-MiniLM-L6-v2 or a model folder), pooled as
/// the model card says and L2-normalized. Queries (marked with <see cref="EmbeddingPurpose.ForQueries"/>) get the
/// model's query prefix; passages never do. <c>GetService(typeof(EmbeddingModelIdentity))</c> names the model and its hash.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ITokenVectorEncoder
{
    private readonly BertEncoder _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly ILogger _logger;
    private readonly QueryVectorCache _cache;

    /// <summary>Loads the configured model.</summary>
    public OnnxEmbeddingGenerator(IOptions<EmbeddingOptions> options, ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _encoder = BertEncoder.Load(options.Value);
        _cache = new QueryVectorCache(options.Value.QueryCacheSize);
        _metadata = new EmbeddingGeneratorMetadata("ragplatform-onnx", null, _encoder.Spec.Name, _encoder.Dimensions);
        Log.ModelLoaded(_logger, Identity.Name, Identity.Sha256, Identity.Dimensions, options.Value.Device, _encoder.Threads);
    }

    /// <summary>The model's name, hash and dimensions.</summary>
    public EmbeddingModelIdentity Identity => _encoder.Identity;

    /// <inheritdoc />
    EmbeddingModelIdentity ITokenVectorEncoder.Model => Identity;

    /// <summary>The model's pooling, prefix and token limit.</summary>
    public ModelSpec Spec => _encoder.Spec;

    /// <summary>Embeds passages (or queries, when the options say so).</summary>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var query = EmbeddingPurpose.IsQuery(options);
        var cacheable = _cache.Enabled && texts.Count <= EmbeddingOptions.QueryCacheMaxBatch;
        var vectors = new float[texts.Count][];
        var missing = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (cacheable && _cache.TryGet(query, texts[i], false, out var cached, out _))
            {
                vectors[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }

        var tokens = Tokenize(missing.Select(i => texts[i]), query);
        var dims = _encoder.Dimensions;
        var batches = tokens.Count == 0 ? 0 : _encoder.Encode(tokens, (k, hidden) => vectors[missing[k]] = Pool(hidden, dims, _encoder.Spec.Pooling), cancellationToken);
        if (cacheable)
        {
            missing.ForEach(i => _cache.Add(query, texts[i], vectors[i], null));
        }

        Log.Embedded(_logger, tokens.Count, tokens.Sum(t => t.Length), batches);
        var now = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = _encoder.Spec.Name, CreatedAt = now }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens.Sum(t => t.Length) },
        };
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public TokenVectors EncodeTokens(IReadOnlyList<string> texts, bool queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var cacheable = _cache.Enabled && texts.Count <= EmbeddingOptions.QueryCacheMaxBatch;
        var dims = _encoder.Dimensions;
        var result = new float[texts.Count][];
        var pooled = new float[texts.Count][];
        var missing = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (cacheable && _cache.TryGet(queries, texts[i], true, out var cached, out var cachedTokens))
            {
                (pooled[i], result[i]) = (cached, cachedTokens!);
            }
            else
            {
                missing.Add(i);
            }
        }

        var tokens = Tokenize(missing.Select(i => texts[i]), queries);
        if (tokens.Count > 0)
        {
            _encoder.Encode(tokens, (k, hidden) =>
            {
                var i = missing[k];
                pooled[i] = Pool(hidden, dims, _encoder.Spec.Pooling);
                var copy = hidden.ToArray();
                for (var t = 0; t < copy.Length / dims; t++)
                {
                    Normalize(copy.AsSpan(t * dims, dims));
                }

                result[i] = copy;
            }, cancellationToken);
        }

        if (cacheable)
        {
            missing.ForEach(i => _cache.Add(queries, texts[i], pooled[i], result[i]));
        }

        return new TokenVectors(dims, result, pooled);
    }

    /// <summary>Token counts (with [CLS] and [SEP]) of the texts as passages, for throughput figures.</summary>
    public int CountTokens(string text) => _encoder.Tokenize(text).Length;

    /// <summary>Dense layers quantized to int8 (Embedding:Quantize), 0 for the float model.</summary>
    public int QuantizedLayers => _encoder.QuantizedLayers;

    /// <summary>Intra-op threads of the encoder session.</summary>
    public int Threads => _encoder.Threads;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType == typeof(EmbeddingModelIdentity) ? Identity
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();

    private List<int[]> Tokenize(IEnumerable<string> texts, bool queries)
    {
        var prefix = queries ? _encoder.Spec.QueryPrefix : string.Empty;
        return [.. texts.Select(t => _encoder.Tokenize(prefix + t))];
    }

    private static float[] Pool(ReadOnlySpan<float> hidden, int dims, Pooling pooling)
    {
        var vector = hidden[..dims].ToArray();
        if (pooling == Pooling.Mean)
        {
            var count = hidden.Length / dims;
            for (var t = 1; t < count; t++)
            {
                TensorPrimitives.Add(vector, hidden.Slice(t * dims, dims), vector);
            }

            TensorPrimitives.Divide(vector, count, vector);
        }

        Normalize(vector);
        return vector;
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
