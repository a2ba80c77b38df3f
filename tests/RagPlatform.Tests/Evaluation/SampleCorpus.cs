using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Evaluation;

/// <summary>The real stack (SQLite, Lucene, decoders) in a temp folder with sample files indexed into one collection.</summary>
public abstract class SampleCorpus : IAsyncLifetime
{
    public const string Collection = "law";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "ragp-evalqa-" + Guid.NewGuid().ToString("N"));
    private readonly string[] _files;

    protected SampleCorpus(params string[] files) => _files = files;

    public ServiceProvider Services { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, DocumentInfo> Documents { get; private set; } = new Dictionary<Guid, DocumentInfo>();

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public async Task InitializeAsync()
    {
        Services = LibraryServices.Over(_data).BuildServiceProvider();
        var store = Services.GetRequiredService<IMetadataStore>();
        await store.MigrateAsync(CancellationToken.None);
        var sources = _files.Select(f => new SourceFile(f, SamplePath(f))).ToList();
        Assert.All(sources, s => Assert.True(File.Exists(s.Path), $"missing test input {s.Path}"));
        var summary = await Services.GetRequiredService<IngestionPipeline>().IndexAsync(Collection, sources, prune: false, progress: null, CancellationToken.None);
        Assert.Equal(_files.Length, summary.Added);
        Documents = (await store.ListDocumentsAsync(Collection, CancellationToken.None)).ToDictionary(d => d.Id);
    }

    public async Task DisposeAsync()
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

    /// <summary>Three short legal samples.</summary>
    public sealed class Legal() : SampleCorpus("sample-nda.docx", "17-usc-106-107.md", "us-constitution-article-i.html");

    /// <summary>Every document of samples/ (what eval/samples-questions.jsonl is written over).</summary>
    public sealed class All() : SampleCorpus(
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => Path.GetExtension(f) is ".pdf" or ".docx" or ".md" or ".txt" or ".html")
            .Order(StringComparer.Ordinal)]);
}
