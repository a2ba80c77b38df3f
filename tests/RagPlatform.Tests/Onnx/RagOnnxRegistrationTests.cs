using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Indexing;
using RagPlatform.Onnx;

namespace RagPlatform.Tests.Onnx;

/// <summary>Embedding:Enabled is read inside AddRagOnnx(configuration), so the hosts need not branch on the raw key.</summary>
public sealed class RagOnnxRegistrationTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void The_encoder_and_the_dense_index_are_registered_unless_embedding_is_disabled(string? enabled, bool registered)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embedding:Enabled"] = enabled })
            .Build();
        var services = new ServiceCollection().AddRagOnnx(configuration);

        Assert.Equal(registered, services.Any(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>)));
        Assert.Equal(registered ? 1 : 0, services.Count(d => d.ServiceType == typeof(IDocumentIndex)));
    }
}
