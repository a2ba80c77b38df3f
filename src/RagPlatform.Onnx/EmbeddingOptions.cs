using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Onnx;

/// <summary>Embedding model settings (section "Embedding").</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Embedding";

    /// <summary>
    /// Whether the hosts load the model and write dense and token vectors; when false, only bm25 is served (read by
    /// <c>AddRagOnnx(configuration)</c> before registration, so it is here for documentation and binding).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>"arctic-embed-xs" (default), "all-MiniLM-L6-v2", or a folder holding model.onnx and vocab.txt.</summary>
    [Required]
    public string Model { get; set; } = ModelSpec.ArcticEmbedXs;

    /// <summary>An ONNX file to use instead of the packaged one (a BERT-style encoder with last_hidden_state).</summary>
    public string? ModelPath { get; set; }

    /// <summary>The WordPiece vocabulary for <see cref="ModelPath"/>.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Token limit per text including [CLS] and [SEP]; null for the model's own (512 arctic, 256 MiniLM).</summary>
    [Range(8, 8192)]
    public int? MaxTokens { get; set; }

    /// <summary>Texts per ONNX run; texts are sorted by length first so a batch carries little padding.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Intra-op threads; null or 0 for one per core.</summary>
    [Range(0, 1024)]
    public int? Threads { get; set; }

    /// <summary>"cpu" (default) or "cuda" (needs the GPU build of ONNX Runtime: build with -p:OrtGpu=true).</summary>
    [RegularExpression("^(cpu|cuda)$")]
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// "none" (default) or "int8": quantize the encoder's dense layers to int8 when the model loads (dynamic
    /// quantization of activations). Faster on CPU for a small loss in quality (docs/BENCHMARKS.md); the model's
    /// identity changes, so indexes built with the float model are refused and must be rebuilt.
    /// </summary>
    [RegularExpression("^(none|int8)$")]
    public string Quantize { get; set; } = "none";

    /// <summary>
    /// Question-time encodings kept (queries and asked questions, by purpose and text; calls of at most
    /// <see cref="QueryCacheMaxBatch"/> texts); 0 turns the cache off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int QueryCacheSize { get; set; } = 1024;

    /// <summary>Calls with more texts than this are indexing work, never cached.</summary>
    public const int QueryCacheMaxBatch = 4;

    /// <summary>CUDA device ordinal when <see cref="Device"/> is "cuda".</summary>
    [Range(0, 64)]
    public int DeviceId { get; set; }
}
