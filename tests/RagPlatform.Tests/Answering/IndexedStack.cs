using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Answering;

/// <summary>The real stack in a temp folder (SQLite, Lucene, decoders) with one sample document indexed.</summary>
internal sealed class IndexedStack : IAsyncDisposable
{
    public const string Collection = "law";

    private readonly string _data;

    private IndexedStack(string data, ServiceProvider services)
    {
        _data = data;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<IndexedStack> CreateAsync(Action<IServiceCollection>? configure = null) => await CreateAsync(configure, withSample: true);

    /// <summary>The stack, with the sample document indexed or (<paramref name="withSample"/> false) nothing yet.</summary>
    public static async Task<IndexedStack> CreateAsync(Action<IServiceCollection>? configure, bool withSample)
    {
        var data = Path.Combine(Path.GetTempPath(), "ragp-answers-" + Guid.NewGuid().ToString("N"));
        var services = LibraryServices.Over(data);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        if (!withSample)
        {
            return new IndexedStack(data, provider);
        }

        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "17-usc-106-107.md");
        Assert.True(File.Exists(sample), $"missing test input {sample}");
        var summary = await provider.GetRequiredService<IngestionPipeline>()
            .IndexAsync(Collection, [new SourceFile("17-usc-106-107.md", sample)], prune: false, progress: null, CancellationToken.None);
        Assert.Equal(1, summary.Added);
        return new IndexedStack(data, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A handle may linger on some platforms; the OS cleans the temp folder.
        }
    }
}
