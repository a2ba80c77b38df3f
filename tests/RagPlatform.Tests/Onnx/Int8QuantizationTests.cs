using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Onnx;

namespace RagPlatform.Tests.Onnx;

public sealed class Int8QuantizationTests(ModelFixture models) : IClassFixture<ModelFixture>
{
    private static readonly string[] s_passages =
    [
        "Seasons The tilt of Earth's axis changes how directly sunlight strikes each hemisphere over the year, which causes summer and winter.",
        "Contracts A lease agreement must state the rent, the term and the obligations of the landlord and the tenant.",
        "Enzymes Enzymes lower the activation energy of biochemical reactions, so cells can run them at body temperature.",
        "Copyright The fair use of a copyrighted work for criticism, comment or teaching is not an infringement.",
    ];

    [Fact]
    public async Task Int8_model_quantizes_every_dense_layer_and_keeps_vectors_and_rankings_close_to_float()
    {
        using var int8 = new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = ModelSpec.MiniLmL6V2, Quantize = "int8", BatchSize = 4, Threads = 1 }));

        var exact = await models.MiniLm.GenerateAsync(s_passages);
        var quantized = await int8.GenerateAsync(s_passages);

        // MiniLM-L6: six layers of query, key, value, attention output and two feed-forward projections.
        Assert.Equal(36, int8.QuantizedLayers);
        Assert.Equal("all-MiniLM-L6-v2+int8", int8.Identity.Name);
        Assert.NotEqual(models.MiniLm.Identity.Sha256, int8.Identity.Sha256);
        for (var i = 0; i < s_passages.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(exact[i].Vector.Span, quantized[i].Vector.Span);
            Assert.True(cosine > 0.97, $"passage {i}: cosine {cosine} between float and int8 vectors");
            Assert.True(cosine < 0.99999, "the int8 model should not reproduce float vectors bit for bit");
        }

        foreach (var (query, expected) in new[] { ("why is summer warmer than winter", 0), ("what must a rental contract say", 1), ("how do catalysts in cells work", 2) })
        {
            var q = (await int8.GenerateAsync([query], EmbeddingPurpose.ForQueries()))[0].Vector;
            var best = Enumerable.Range(0, s_passages.Length).MaxBy(i => TensorPrimitives.Dot(q.Span, quantized[i].Vector.Span));
            Assert.Equal(expected, best);
        }
    }

    [Fact]
    public void Column_scales_map_each_column_maximum_to_127()
    {
        float[] weights = [0.5f, -2f, 0f, 0.25f, 1f, 0f];
        var (values, scales) = Int8Quantizer.QuantizeColumns(weights, rows: 2, columns: 3);

        Assert.Equal([0.5f / 127, 2f / 127, 1f], scales);
        Assert.Equal(new sbyte[] { 127, -127, 0, 64, 64, 0 }, values);
    }
}
