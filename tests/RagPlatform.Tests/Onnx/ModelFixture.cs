using Microsoft.Extensions.Options;
using RagPlatform.Onnx;

namespace RagPlatform.Tests.Onnx;

/// <summary>Loads each packaged model once for the whole test class (CPU is scarce).</summary>
public sealed class ModelFixture : IDisposable
{
    public ModelFixture()
    {
        Arctic = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = ModelSpec.ArcticEmbedXs, BatchSize = 4, Threads = 1 }));
        MiniLm = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = ModelSpec.MiniLmL6V2, BatchSize = 4, Threads = 1 }));
    }

    public OnnxEmbeddingGenerator Arctic { get; }

    public OnnxEmbeddingGenerator MiniLm { get; }

    public void Dispose()
    {
        Arctic.Dispose();
        MiniLm.Dispose();
    }
}
