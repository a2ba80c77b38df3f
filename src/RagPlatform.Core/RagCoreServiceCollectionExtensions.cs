using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Core.Uploads;
using Microsoft.Extensions.AI;

namespace RagPlatform.Core;

/// <summary>Registers Core's pipelines and options.</summary>
public static class RagCoreServiceCollectionExtensions
{
    /// <summary>Adds the ingestion pipeline, retriever, job runner, file store, the summary tree index and their options.</summary>
    public static IServiceCollection AddRagCore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.DataDirectory = SettingsPaths.Resolve(o.DataDirectory));
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FileStore>();
        services.AddSingleton<WriterLock>();
        services.AddSingleton<IndexHealth>();
        services.AddSingleton<IndexingMeter>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<Retriever>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<LeasedJobRunner>();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.HeartbeatSeconds * 2 <= o.LeaseSeconds, "Worker:HeartbeatSeconds must be at most half of Worker:LeaseSeconds, so one late beat does not lose the lease.");
        services.AddSingleton<CollectionGate>();
        services.AddSingleton<CollectionAdmin>();
        services.AddSingleton<UploadQueue>();
        services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Answerer>();
        services.AddOptions<TreeOptions>().BindConfiguration(TreeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new TextVectorizer(sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()));
        services.AddSingleton<TreeBuilder>();
        services.AddSingleton<TreeIndex>();
        services.AddSingleton<IDocumentIndex>(sp => sp.GetRequiredService<TreeIndex>());
        // The walk asks the chat model only when answers come from it; Trees does not read Answering's options.
        services.AddSingleton(sp => new TreeWalker(
            sp.GetRequiredService<IOptions<TreeOptions>>(), sp.GetRequiredService<TextVectorizer>(),
            sp.GetRequiredService<IOptions<AnswerOptions>>().Value.Generator == AnswerOptions.ChatGenerator ? sp.GetService<IChatClient>() : null));
        services.AddSingleton<SummarySearcher>();
        return services;
    }
}
