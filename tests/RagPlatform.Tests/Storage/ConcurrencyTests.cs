using System.Diagnostics;
using Xunit.Abstractions;

namespace RagPlatform.Tests.Storage;

public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task SaveDocuments_from_several_threads_and_two_stores_all_land()
    {
        await using var a = await TempStore.CreateAsync();
        await using var b = await a.OpenSecondAsync();
        const int Threads = 6;
        const int PerThread = 8;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var store = t % 2 == 0 ? a.Store : b.Store;
            for (var i = 0; i < PerThread; i++)
            {
                var doc = Samples.Document("law", $"t{t}/d{i}.txt", $"thread {t} document {i} " + new string('z', 200), 50);
                await store.SaveDocumentsAsync([doc], s_none);
                await store.GetIndexedIdsAsync([doc.Info.Id], s_none);
            }
        })));

        var documents = await a.Store.ListDocumentsAsync("law", s_none);
        Assert.Equal(Threads * PerThread, documents.Count);
        var counts = await b.Store.GetChunkCountsAsync("law", s_none);
        Assert.All(documents, d => Assert.Equal(d.Chunks, counts[d.Id]));
    }

    [Fact]
    public async Task Large_document_with_5000_chunks_saves_and_reads_back()
    {
        await using var temp = await TempStore.CreateAsync();
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"Clause {i:D5} shall apply mutatis mutandis to... ".PadRight(200, '.')));
        var doc = Samples.Document("big", "big.txt", text, 200);
        Assert.Equal(5000, doc.Chunks.Count);

        var watch = Stopwatch.StartNew();
        await temp.Store.SaveDocumentsAsync([doc], s_none);
        var saved = watch.Elapsed;
        await temp.Store.SaveDocumentsAsync([doc], s_none);
        var replaced = watch.Elapsed - saved;
        watch.Restart();
        var chunks = await temp.Store.GetChunksAsync(doc.Info.Id, s_none);
        output.WriteLine($"5000 chunks ({text.Length:N0} chars): save {saved.TotalMilliseconds:F0} ms, replace {replaced.TotalMilliseconds:F0} ms, read {watch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(5000, chunks.Count);
        Assert.Equal(Enumerable.Range(0, 5000), chunks.Select(c => c.Ordinal));
        Assert.Equal(doc.Chunks[4321], chunks[4321]);
    }

    [Fact]
    public async Task Reading_a_stored_document_is_not_blocked_by_another_writer()
    {
        await using var temp = await TempStore.CreateAsync();
        var doc = Samples.Document("law", "a.txt", "read me while someone writes", 8);
        await temp.Store.SaveDocumentsAsync([doc], s_none);

        // Another process holds the write lock; a reader must still see the last committed version.
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection(RagPlatform.Storage.RagDbContextConfigurator.SqliteConnectionString(temp.Options));
        await writer.OpenAsync();
        using var lockHolder = writer.BeginTransaction(deferred: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var stored = await temp.Store.GetStoredDocumentAsync(doc.Info.Id, cancel.Token);

        Assert.Equal(doc.Text.Text, stored?.Text);
    }
}
