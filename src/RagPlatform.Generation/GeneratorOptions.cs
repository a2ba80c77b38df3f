using System.ComponentModel.DataAnnotations;
using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Runtime;

namespace RagPlatform.Generation;

/// <summary>Local ONNX generator settings (section "Generator"). No model path: the generator is not used.</summary>
public sealed class GeneratorOptions
{
    public const string SectionName = "Generator";

    /// <summary>A Hugging Face-style checkpoint folder (config.json, *.safetensors, tokenizer.json).</summary>
    public string? ModelPath { get; set; }

    [RegularExpression("^(cpu|cuda)$")]
    public string Device { get; set; } = "cpu";

    [RegularExpression("^(dense|window|hsa|dsa)$")]
    public string Attention { get; set; } = "dense";

    /// <summary>The KV cache capacity in tokens: prompt plus generated tokens must fit (explicit, never inferred).</summary>
    [Range(16, 1 << 24)]
    public int ContextTokens { get; set; } = 8192;

    [Range(1, 65536)]
    public int PrefillBlock { get; set; } = 512;

    [Range(0, 1024)]
    public int Sinks { get; set; } = 4;

    [Range(1, 1 << 24)]
    public int Window { get; set; } = 2048;

    [Range(1, 4096)]
    public int ChunkSize { get; set; } = 64;

    [Range(0, 4096)]
    public int TopK { get; set; } = 16;

    public bool Quest { get; set; }

    /// <summary>Tokens per KV head a dsa layer selects beyond the sinks and the window.</summary>
    [Range(0, 1 << 24)]
    public int TopTokens { get; set; } = 1024;

    /// <summary>
    /// On CUDA, decode single tokens through the static one-token graph captured as a CUDA graph (every layer dense).
    /// </summary>
    public bool CudaGraph { get; set; } = true;

    /// <summary>
    /// "float": weights in the model's precision (fp32 on the CPU, fp16 on CUDA); "int8": every projection on blockwise
    /// int8 weights (ONNX Runtime's MatMulNBits, 8 bits, blocks of 32, int8 compute on the CPU).
    /// </summary>
    [RegularExpression("^(float|int8)$")]
    public string Weights { get; set; } = "float";

    [Range(1, 32768)]
    public int MaxNewTokens { get; set; } = 512;

    public AttentionSettings ToAttention() => new()
    {
        Default = AttentionSettings.ParseKind(Attention),
        Sinks = Sinks,
        Window = Window,
        ChunkSize = ChunkSize,
        TopK = TopK,
        Quest = Quest,
        TopTokens = TopTokens,
    };

    public ExecutionDevice ToDevice() => Device == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu;
}
