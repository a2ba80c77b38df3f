using RagPlatform.Generation.Attention;
using RagPlatform.Generation.Checkpoints;

namespace RagPlatform.Generation.Building;

/// <summary>The ONNX files built for a checkpoint and the settings they were built with.</summary>
public sealed record BuiltModel(string DecoderPath, string LandmarkPath, ModelConfig Config, AttentionSettings Attention, ModelPrecision Precision)
{
    /// <summary>The one-token decode graph with static shapes (CUDA-graph capture); null unless every layer is dense.</summary>
    public string? StepPath { get; init; }

    /// <summary>Projections run on int8 weights (MatMulNBits, 8 bits, blocks of 32).</summary>
    public bool Int8Weights { get; init; }
}
