namespace RagPlatform.Generation.Building;

/// <summary>Weight and activation precision of the built graph: float32 on CPU, float16 on GPU.</summary>
public enum ModelPrecision
{
    Float32,
    Float16,
}
