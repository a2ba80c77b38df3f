using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Search;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Answering;

/// <summary>The answerer over the real stack: SQLite metadata, a Lucene index and the real decoders, in a temp folder.</summary>
public sealed class AnswererEndToEndTests : IAsyncLifetime
{
    private const string Collection = "law";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ragp-answers-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRagCore()
            .AddRagStorage()
            .AddRagSearch()
            .AddRagIngestion();
        // What AddRagCore should register (see the branch report).
        services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Answerer>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "copyright-act-17-usc-106-107.md");
        var summary = await _services.GetRequiredService<IngestionPipeline>()
            .IndexAsync(Collection, [new SourceFile("copyright-act-17-usc-106-107.md", sample)], prune: false, progress: null, CancellationToken.None);
        Assert.Equal(1, summary.Added);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Lucene or SQLite may still hold a handle on some platforms; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Passages_answer_quotes_equal_the_stored_text_at_their_spans()
    {
        var answerer = _services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("What factors are considered in determining fair use?", Collection), CancellationToken.None);

        Assert.Equal(AnswerStrategy.Passages, answer.Strategy);
        Assert.False(answer.Abstained);
        Assert.NotEmpty(answer.Citations);
        Assert.NotEmpty(answer.Evidence);
        await AssertVerbatimAsync(answer);
    }

    [Fact]
    public async Task Map_reduce_over_one_document_quotes_verbatim()
    {
        var store = _services.GetRequiredService<IMetadataStore>();
        var document = Assert.Single(await store.ListDocumentsAsync(Collection, CancellationToken.None));
        var answerer = _services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("Summarize the exclusive rights and their limits.", Collection, DocumentId: document.Id), CancellationToken.None);

        Assert.Equal(AnswerStrategy.MapReduce, answer.Strategy);
        Assert.True(answer.Citations.Count >= 2);
        Assert.All(answer.Citations, c => Assert.Equal(document.Id, c.DocumentId));
        await AssertVerbatimAsync(answer);
    }

    [Fact]
    public async Task Unknown_questions_abstain_and_tree_is_refused()
    {
        var answerer = _services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("What is the melting point of tungsten carbide?", Collection), CancellationToken.None);
        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => answerer.AskAsync(new AskRequest("Anything?", Collection, Strategy: "tree"), CancellationToken.None));
        Assert.Contains("not available yet", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertVerbatimAsync(Answer answer)
    {
        var store = _services.GetRequiredService<IMetadataStore>();
        foreach (var citation in answer.Citations)
        {
            var stored = await store.GetStoredDocumentAsync(citation.DocumentId, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(stored.Text[citation.CharStart..citation.CharEnd], citation.Quote);
        }
    }
}
