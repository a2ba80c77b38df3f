using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Search;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Indexing;

/// <summary>The real indexing stack without an embedding model (SQLite, Lucene, decoders, tree index) over a data directory, migrated.</summary>
internal static class IndexingServices
{
    public static async Task<ServiceProvider> OpenAsync(string data, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? extra = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:DataDirectory"] = data };
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddLogging()
            .AddRagCore()
            .AddRagStorage()
            .AddRagSearch()
            .AddRagIngestion();
        extra?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        return services;
    }
}
