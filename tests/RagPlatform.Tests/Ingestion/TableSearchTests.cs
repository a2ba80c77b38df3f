using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// A search for a table's cells finds the table's own chunk, caption first and whole rows, so a hit (and the
/// citation built from its span) points at the table: real pipeline, SQLite and BM25 in a temp folder, on the
/// S2ORC sample paper and a Markdown register.
/// </summary>
public sealed class TableSearchTests : IAsyncLifetime
{
    private const string Collection = "tables";
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-table-search-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = LibraryServices.Over(Path.Combine(_folder, "data")).BuildServiceProvider();
        await _services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        var register = Path.Combine(_folder, "register.md");
        await File.WriteAllTextAsync(register,
            "# Register of lots\n\nThe lots below were sold at the spring auction.\n\n"
            + "| Lot | Holder | Value |\n|---|---|---|\n| 17 | Okonkwo Farms | 4,200 |\n| 18 | Lindqvist Timber | 9,900 |\n\n"
            + "Table 1: Lots sold in April\n\nPayment is due thirty days after the auction.\n");
        var summary = await _services.GetRequiredService<IngestionPipeline>().IndexAsync(Collection,
            [new SourceFile("2020.acl-main.447.pdf", Decoders.SamplePath("2020.acl-main.447.pdf")), new SourceFile("register.md", register)],
            prune: false, progress: null, CancellationToken.None);
        Assert.Equal(0, summary.Failed);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_search_for_a_pdf_tables_cells_hits_the_table_chunk_with_its_caption()
    {
        var hit = await TopHitAsync("Papers w/ GROBID full text total papers provenance statistics");

        Assert.Equal("2020.acl-main.447.pdf", hit.Source);
        Assert.StartsWith("Table 3: Statistics on paper provenance.", hit.Text, StringComparison.Ordinal);
        Assert.Contains("\nTotal papers | 81.1M\n", hit.Text, StringComparison.Ordinal);
        Assert.Equal(5, hit.PageStart);
        // Rows stay whole: the chunk ends at the end of a row.
        Assert.DoesNotContain(hit.Text.Split('\n').Skip(1), row => row.Length > 0 && !row.Contains(" | ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_markdown_table_with_its_caption_below_is_one_chunk_caption_first()
    {
        var hit = await TopHitAsync("Lindqvist Timber lot value");

        Assert.Equal("register.md", hit.Source);
        Assert.Equal("Table 1: Lots sold in April\nLot | Holder | Value\n17 | Okonkwo Farms | 4,200\n18 | Lindqvist Timber | 9,900", hit.Text);
    }

    private async Task<SearchHit> TopHitAsync(string query)
    {
        var result = await _services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, Collection, 5), CancellationToken.None);
        return result.Hits[0];
    }
}
