using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The pipeline encodes batch n+1 while its writer stores batch n (Ingestion:EncodeAhead), without giving up the
/// database-first order: a batch is in the database as Indexing before any index commits it, Indexed after the last.
/// </summary>
public sealed class OverlappedIndexingTests : IDisposable
{
    private const string Collection = "overlap";

    private readonly string _data = Directory.CreateTempSubdirectory("ragp-overlap-").FullName;

    [Fact]
    public async Task The_next_batch_is_encoded_while_the_writer_commits_the_one_before()
    {
        await using var services = await OpenAsync(encodeAhead: 1, holdFirstCommit: true);
        var gated = services.GetRequiredService<GatedIndex>();
        var records = Records(200);

        var summary = await IndexAsync(services, records);

        Assert.Equal(200, summary.Added);
        Assert.Equal(0, summary.Failed);
        var events = gated.Events.ToList();
        Assert.DoesNotContain(events, e => e.StartsWith("upsert", StringComparison.Ordinal));
        // The second prepare came before the first commit ended (the first commit waited for it).
        var firstCommit = events.FindIndex(e => e.StartsWith("commit", StringComparison.Ordinal));
        var secondPrepare = events.FindIndex(events.FindIndex(e => e.StartsWith("prepare", StringComparison.Ordinal)) + 1, e => e.StartsWith("prepare", StringComparison.Ordinal));
        Assert.InRange(secondPrepare, 1, firstCommit - 1);
        Assert.Equal(200, events.Where(e => e.StartsWith("commit", StringComparison.Ordinal)).Sum(e => int.Parse(e[7..], System.Globalization.CultureInfo.InvariantCulture)));
        await AssertAllServedAsync(services, gated, records.Count);
    }

    [Fact]
    public async Task Encoding_ahead_commits_only_documents_the_database_already_holds_as_Indexing()
    {
        await using var services = await OpenAsync(encodeAhead: 2, holdFirstCommit: true);
        var gated = services.GetRequiredService<GatedIndex>();

        await IndexAsync(services, Records(150));

        Assert.Equal(150, gated.StatesDuringCommit.Count);
        Assert.All(gated.StatesDuringCommit, s => Assert.Equal(DocumentState.Indexing, s));
        await AssertAllServedAsync(services, gated, 150);
    }

    [Fact]
    public async Task With_EncodeAhead_0_each_batch_is_encoded_inside_the_writer()
    {
        await using var services = await OpenAsync(encodeAhead: 0, holdFirstCommit: false);
        var gated = services.GetRequiredService<GatedIndex>();

        var summary = await IndexAsync(services, Records(100));

        Assert.Equal(100, summary.Added);
        Assert.All(gated.Events, e => Assert.StartsWith("upsert", e, StringComparison.Ordinal));
        await AssertAllServedAsync(services, gated, 100);
    }

    [Fact]
    public async Task A_batch_whose_encoding_fails_is_written_again_and_only_the_bad_document_fails()
    {
        await using var services = await OpenAsync(encodeAhead: 1, holdFirstCommit: false, failOnWord: "quokkastone");
        var gated = services.GetRequiredService<GatedIndex>();
        var records = Records(80).ToList();
        records[37] = records[37] with { Text = records[37].Text + " The quokkastone clause." };

        var summary = await IndexAsync(services, records);

        Assert.Equal(79, summary.Added);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(records[37].Source, Assert.Single(summary.Errors).Path);
        var store = services.GetRequiredService<IMetadataStore>();
        var bad = await store.FindDocumentBySourceAsync(Collection, records[37].Source, CancellationToken.None);
        Assert.Equal(DocumentState.Failed, bad!.State);
        Assert.StartsWith("indexing failed: the scripted index refuses this batch", bad.Error, StringComparison.Ordinal);
        var counts = await gated.GetChunkCountsAsync(Collection, CancellationToken.None);
        Assert.Equal(79, counts.Count);
        Assert.DoesNotContain(bad.Id, counts.Keys);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static Task<IndexSummary> IndexAsync(ServiceProvider services, IReadOnlyList<TextRecord> records) =>
        services.GetRequiredService<IngestionPipeline>().IndexRecordsAsync(Collection, records, singleChunk: true, progress: null, CancellationToken.None);

    private static List<TextRecord> Records(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TextRecord($"r{i:000}", $"Record {i}", $"Clause {i} binds the lessee to pay {i} dollars on the first day."))];

    private static async Task AssertAllServedAsync(ServiceProvider services, GatedIndex gated, int count)
    {
        var documents = await services.GetRequiredService<IMetadataStore>().ListDocumentsAsync(Collection, CancellationToken.None);
        Assert.Equal(count, documents.Count);
        Assert.All(documents, d => Assert.Equal(DocumentState.Indexed, d.State));
        var counts = await gated.GetChunkCountsAsync(Collection, CancellationToken.None);
        Assert.Equal(documents.Select(d => d.Id).Order(), counts.Keys.Order());

        // The real BM25 index (written by the same writer, after the database) holds every document too.
        var bm25 = services.GetServices<IDocumentIndex>().Single(i => i.Name == "bm25");
        Assert.Equal(count, (await bm25.GetChunkCountsAsync(Collection, CancellationToken.None)).Count);
    }

    private Task<ServiceProvider> OpenAsync(int encodeAhead, bool holdFirstCommit, string? failOnWord = null) =>
        IndexingServices.OpenAsync(
            _data,
            new Dictionary<string, string?>
            {
                ["Ingestion:EncodeAhead"] = encodeAhead.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Tree:Enabled"] = "false",
            },
            s => s
                .AddSingleton(sp => new GatedIndex(sp.GetRequiredService<IMetadataStore>()) { HoldFirstCommit = holdFirstCommit, FailOnWord = failOnWord })
                .AddSingleton<IDocumentIndex>(sp => sp.GetRequiredService<GatedIndex>()));
}
