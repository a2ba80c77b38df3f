using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.Trees;

public sealed class SummarySearcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-summaries-").FullName;

    [Fact]
    public async Task Summaries_are_retrieved_directly_within_their_collection_and_chunk_search_is_unchanged()
    {
        await using var stack = await TreeStack.CreateAsync();
        var search = new SearchRequest("exclusive rights reproduce copyrighted work", IndexedStack.Collection, 10);
        var before = await stack.Services.GetRequiredService<Retriever>().SearchAsync(search, CancellationToken.None);

        var memo = Path.Combine(_folder, "memo.txt");
        await File.WriteAllTextAsync(memo, "Parking permits for the north garage are renewed every January by the facilities office.");
        var memoId = await TreeStack.IndexFileAsync(stack, IndexedStack.Collection, "memo.txt", memo);
        var elsewhere = Path.Combine(_folder, "elsewhere.txt");
        await File.WriteAllTextAsync(elsewhere, "Parking permits in another collection are renewed by the city every January.");
        await TreeStack.IndexFileAsync(stack, "city", "elsewhere.txt", elsewhere);

        var hits = await stack.Services.GetRequiredService<SummarySearcher>().SearchAsync(IndexedStack.Collection, "When are parking permits renewed?", 5, CancellationToken.None);
        Assert.Equal(memoId, hits[0].DocumentId);
        Assert.True(hits[0].Bm25 > 0);
        Assert.All(hits, h => Assert.NotEqual(Guid.Empty, h.DocumentId));
        Assert.DoesNotContain(hits, h => h.Node.Summary.Contains("city", StringComparison.Ordinal));

        // Trees add no entries to the chunk indexes: each holds exactly the database's chunks, and search serves chunks
        // only. (The ranking itself may move a little: a new document changes BM25's collection statistics.)
        var store = stack.Services.GetRequiredService<IMetadataStore>();
        var expected = await store.GetChunkCountsAsync(IndexedStack.Collection, CancellationToken.None);
        foreach (var index in stack.Services.GetServices<IDocumentIndex>().Where(i => i.Name is "bm25" or "dense"))
        {
            Assert.Equal(expected.OrderBy(p => p.Key), (await index.GetChunkCountsAsync(IndexedStack.Collection, CancellationToken.None)).OrderBy(p => p.Key));
        }

        var after = await stack.Services.GetRequiredService<Retriever>().SearchAsync(search, CancellationToken.None);
        var chunkIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var documentId in after.Hits.Select(h => h.DocumentId).Distinct())
        {
            chunkIds.UnionWith((await store.GetChunksAsync(documentId, CancellationToken.None)).Select(c => c.Id));
        }

        Assert.Equal(before.Hits.Count, after.Hits.Count);
        Assert.All(after.Hits, h => Assert.Contains(h.ChunkId, chunkIds));

        // A tree question without a document goes to the document whose summaries match.
        var answer = await stack.Services.GetRequiredService<Answerer>().AskAsync(
            new AskRequest("When are parking permits renewed?", IndexedStack.Collection, Strategy: "tree"), CancellationToken.None);
        Assert.Equal(memoId, answer.Walk!.DocumentId);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
