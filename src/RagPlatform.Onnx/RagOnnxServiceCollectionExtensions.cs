using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Onnx;

/// <summary>Registers the ONNX embedding model.</summary>
public static class RagOnnxServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OnnxEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> and
    /// <see cref="ITokenVectorEncoder"/>, and the "dense" <see cref="IDocumentIndex"/>, which also fills the late-interaction store in the same encoder
    /// pass (it needs the <see cref="IVectorIndex"/> and <see cref="ILateInteractionIndex"/> that AddRagSearch provides). The model loads on first use.
    /// </summary>
    public static IServiceCollection AddRagOnnx(this IServiceCollection services) => AddEncoder(services);

    /// <summary>
    /// What the hosts call: <see cref="AddRagOnnx(IServiceCollection)"/> unless <c>Embedding:Enabled</c> is false, when
    /// nothing is registered and only bm25 is served. The one place that reads the switch.
    /// </summary>
    public static IServiceCollection AddRagOnnx(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetSection(EmbeddingOptions.SectionName).GetValue(nameof(EmbeddingOptions.Enabled), true);
        return enabled ? AddEncoder(services) : services;
    }

    private static IServiceCollection AddEncoder(IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OnnxEmbeddingGenerator>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>());
        services.AddSingleton<ITokenVectorEncoder>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>());
        services.AddSingleton<DenseIndexWriter>();
        services.AddSingleton<IDocumentIndex>(sp => sp.GetRequiredService<DenseIndexWriter>());
        return services;
    }
}
