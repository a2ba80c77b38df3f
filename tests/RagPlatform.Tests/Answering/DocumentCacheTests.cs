using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Answering;

/// <summary>
/// The answerer keeps documents it read per version: after a document is replaced, the next ask quotes the new text,
/// never the remembered old one (real SQLite, Lucene and decoders in a temp folder).
/// </summary>
public sealed class DocumentCacheTests : IAsyncLifetime
{
    private readonly string _files = Path.Combine(Path.GetTempPath(), "ragp-doccache-" + Guid.NewGuid().ToString("N"));
    private IndexedStack _stack = null!;

    private ServiceProvider Services => _stack.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _stack = await IndexedStack.CreateAsync(null, withSample: false);
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    [Fact]
    public async Task A_replaced_document_is_quoted_from_its_new_version()
    {
        var file = Path.Combine(_files, "lease.md");
        var answerer = Services.GetRequiredService<Answerer>();
        const string question = "How long is the initial term of the lease?";

        await File.WriteAllTextAsync(file, Lease("five (5) years"));
        await IndexAsync(file, expectAdded: true);
        var before = await answerer.AskAsync(new AskRequest(question, "leases"), CancellationToken.None);

        await File.WriteAllTextAsync(file, Lease("seven (7) years, renewable once"));
        await IndexAsync(file, expectAdded: false);
        var after = await answerer.AskAsync(new AskRequest(question, "leases"), CancellationToken.None);

        Assert.Contains(before.Citations, c => c.Quote.Contains("five (5) years", StringComparison.Ordinal));
        Assert.Contains(after.Citations, c => c.Quote.Contains("seven (7) years", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Citations, c => c.Quote.Contains("five (5) years", StringComparison.Ordinal));
        var text = (await Services.GetRequiredService<IMetadataStore>().GetStoredDocumentAsync(after.Citations[0].DocumentId, CancellationToken.None))!.Text;
        Assert.All(after.Citations, c => Assert.Equal(c.Quote, text[c.CharStart..c.CharEnd]));
    }

    private async Task IndexAsync(string file, bool expectAdded)
    {
        var summary = await Services.GetRequiredService<IngestionPipeline>()
            .IndexAsync("leases", [new SourceFile("lease.md", file)], prune: false, progress: null, CancellationToken.None);
        Assert.Equal(expectAdded ? 1 : 0, summary.Added);
        Assert.Equal(expectAdded ? 0 : 1, summary.Updated);
    }

    private static string Lease(string term) =>
        "# Commercial Lease Agreement\n\n## 1. Premises\n\nThe Landlord leases to the Tenant the premises at 12 Harbour Street for use as a bakery and for no other purpose.\n\n" +
        $"## 2. Term\n\nThe initial term of this lease is {term}, beginning on the first day of March.\n\n" +
        "## 3. Rent\n\nThe Tenant shall pay a monthly rent of two thousand dollars on the first business day of each month.\n";
}
