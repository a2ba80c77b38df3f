using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Lexical;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Dense;

public sealed class RetrieverPipelineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-retriever-").FullName;

    [Theory]
    [InlineData("dense")]
    [InlineData("hybrid")]
    [InlineData("hybrid+rerank")]
    public async Task Dense_pipelines_without_an_embedding_model_are_a_clear_error(string pipeline)
    {
        var storage = Options.Create(new StorageOptions { DataDirectory = _data });
        var services = new ServiceCollection().AddRagStorage().AddSingleton<IOptions<StorageOptions>>(storage)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>)).BuildServiceProvider();
        await using var _ = services;
        using var lucene = new LuceneIndex(storage, Options.Create(new Bm25Options()), NullLogger<LuceneIndex>.Instance);
        var retriever = new Retriever(lucene, services.GetRequiredService<IMetadataStore>(), Options.Create(new SearchOptions()), TimeProvider.System, new IndexHealth());

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => retriever.SearchAsync(new SearchRequest("tenant obligations", "c", Pipeline: pipeline), CancellationToken.None));

        Assert.Contains("embedding model", error.Message, StringComparison.Ordinal);
        Assert.Contains("bm25", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, true);
}
