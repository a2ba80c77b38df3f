using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Embeddings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;

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
        var section = configuration.GetSection(EmbeddingOptions.SectionName);
        if (!section.GetValue(nameof(EmbeddingOptions.Enabled), true))
        {
            return services;
        }

        AddEncoder(services);
        return section[SecondModelKey] is { Length: > 0 } second ? AddSecondEncoder(services, second) : services;
    }

    /// <summary>
    /// <c>Embedding:SecondModel</c>: a second encoder (a model name or folder, like <c>Embedding:Model</c>) whose vectors are
    /// indexed beside the main encoder's and fused with BM25 and them (three-way fusion); unset, there is none.
    /// </summary>
    public const string SecondModelKey = "SecondModel";

    /// <summary>
    /// Registers the second encoder (every <c>Embedding</c> setting but the model itself is shared), its vector index
    /// (the keyed <see cref="SecondDenseRetriever.IndexKey"/> one that AddRagSearch provides) and its "dense2" index.
    /// </summary>
    public static IServiceCollection AddSecondEncoder(IServiceCollection services, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        services.AddSingleton(sp =>
        {
            var main = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var options = new EmbeddingOptions
            {
                Model = Directory.Exists(model) ? main.Model : model,
                ModelPath = Directory.Exists(model) ? Path.GetFullPath(model) : null,
                MaxTokens = null,
                BatchSize = main.BatchSize,
                Threads = main.Threads,
                Device = main.Device,
                Quantize = main.Quantize,
                QueryCacheSize = main.QueryCacheSize,
                DeviceId = main.DeviceId,
            };
            var generator = new OnnxEmbeddingGenerator(Options.Create(options), sp.GetService<ILogger<OnnxEmbeddingGenerator>>());
            return new SecondDenseRetriever(generator, sp.GetRequiredKeyedService<IVectorIndex>(SecondDenseRetriever.IndexKey));
        });
        services.AddSingleton<IDocumentIndex>(sp => new SecondDenseIndex(sp.GetRequiredService<SecondDenseRetriever>()));
        return services;
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
