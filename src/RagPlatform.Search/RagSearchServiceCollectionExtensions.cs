using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Search.Dense;
using RagPlatform.Search.Late;
using RagPlatform.Search.Lexical;

namespace RagPlatform.Search;

/// <summary>Registers the search indexes.</summary>
public static class RagSearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the BM25 index (as <see cref="IDocumentIndex"/> and <see cref="ILexicalSearcher"/>), the USearch
    /// <see cref="IVectorIndex"/>, the late-interaction <see cref="ILateInteractionIndex"/> and their options.
    /// </summary>
    public static IServiceCollection AddRagSearch(this IServiceCollection services)
    {
        services.AddOptions<Bm25Options>().BindConfiguration(Bm25Options.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LuceneIndex>();
        services.AddSingleton<IDocumentIndex>(sp => sp.GetRequiredService<LuceneIndex>());
        services.AddSingleton<ILexicalSearcher>(sp => sp.GetRequiredService<LuceneIndex>());
        services.AddOptions<DenseOptions>().BindConfiguration(DenseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsearchVectorIndex>();
        services.AddSingleton<IVectorIndex>(sp => sp.GetRequiredService<UsearchVectorIndex>());
        // A second encoder's vectors (three-way fusion), in their own folder; created only when something asks for it.
        services.AddKeyedSingleton<IVectorIndex>(SecondDenseRetriever.IndexKey, (sp, _) => new UsearchVectorIndex(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RagPlatform.Core.Storage.StorageOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DenseOptions>>(), null, "dense2"));
        services.AddSingleton<LateInteractionStore>();
        services.AddSingleton<ILateInteractionIndex>(sp => sp.GetRequiredService<LateInteractionStore>());
        services.AddSingleton<ISentenceVectorIndex>(sp => sp.GetRequiredService<LateInteractionStore>());
        return services;
    }
}
