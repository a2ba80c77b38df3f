using RagPlatform.Core.Errors;
using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

public sealed class LuceneIndexTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Upsert_replaces_all_chunks_of_a_document()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(a, "A", "alpha apples", "alpha bananas", "alpha cherries"), Doc(b, "B", "beta")], _ct);
        await _fx.Index.UpsertAsync("c", [Doc(a, "A", "alpha dates")], _ct);

        var counts = await _fx.Index.GetChunkCountsAsync("c", _ct);
        Assert.Equal(1, counts[a]);
        Assert.Equal(1, counts[b]);
        var hits = _fx.Index.Search("c", "alpha", 10, explain: false, _ct);
        var hit = Assert.Single(hits);
        Assert.Equal("alpha dates", hit.Text);
        Assert.Equal(a, hit.DocumentId);
        Assert.Equal($"{a:N}-0", hit.ChunkId);
        Assert.Equal("A", hit.Title);
        Assert.Equal("A.txt", hit.Source);
        Assert.Equal("1 Intro", hit.Section);
        Assert.Equal(hit.Score, hit.Scores.Bm25);
        Assert.True(hit.Score > 0);
    }

    [Fact]
    public async Task Delete_removes_document_and_ignores_absent_ids()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(a, "A", "one", "two"), Doc(b, "B", "three")], _ct);
        await _fx.Index.DeleteAsync("c", [a, Guid.NewGuid()], _ct);

        var counts = await _fx.Index.GetChunkCountsAsync("c", _ct);
        Assert.False(counts.ContainsKey(a));
        Assert.Equal(1, counts[b]);
        Assert.Empty(_fx.Index.Search("c", "one", 10, false, _ct));
    }

    [Fact]
    public async Task Chunk_counts_are_exact_after_many_replacements()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        await _fx.Index.UpsertAsync("c", ids.Select((id, i) => Doc(id, "T", Enumerable.Repeat("text", i + 1).ToArray())).ToList(), _ct);
        await _fx.Index.UpsertAsync("c", ids.Take(10).Select(id => Doc(id, "T", "x", "y")).ToList(), _ct);

        var counts = await _fx.Index.GetChunkCountsAsync("c", _ct);
        Assert.Equal(20, counts.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i < 10 ? 2 : i + 1, counts[ids[i]]);
        }
    }

    [Fact]
    public async Task Missing_collection_gives_no_hits_and_no_counts()
    {
        Assert.Empty(_fx.Index.Search("nothing", "anything", 10, false, _ct));
        Assert.Empty(await _fx.Index.GetChunkCountsAsync("nothing", _ct));
    }

    [Fact]
    public async Task Drop_collection_deletes_folder()
    {
        await _fx.Index.UpsertAsync("c", [Doc(Guid.NewGuid(), "A", "gamma")], _ct);
        var folder = Path.Combine(_fx.DataDirectory, "indexes", "c", "bm25");
        Assert.True(Directory.Exists(folder));

        await _fx.Index.DropCollectionAsync("c", _ct);

        Assert.False(Directory.Exists(folder));
        Assert.Empty(_fx.Index.Search("c", "gamma", 10, false, _ct));
    }

    [Fact]
    public async Task Second_writer_on_same_folder_is_transient_index_unavailable()
    {
        await _fx.Index.UpsertAsync("c", [Doc(Guid.NewGuid(), "A", "delta")], _ct);
        using var second = _fx.Create();

        var ex = await Assert.ThrowsAsync<IndexUnavailableException>(
            () => second.UpsertAsync("c", [Doc(Guid.NewGuid(), "B", "epsilon")], _ct));

        Assert.True(ex.IsTransient);
        Assert.Contains("locked by another process", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
        // The second instance can still read the committed snapshot.
        Assert.Single(second.Search("c", "delta", 10, false, _ct));
    }

    [Fact]
    public async Task Corrupt_index_is_permanent_index_unavailable()
    {
        var folder = Path.Combine(_fx.DataDirectory, "indexes", "c", "bm25");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "segments_1"), [1, 2, 3, 4, 5, 6, 7, 8], _ct);

        var ex = Assert.ThrowsAny<IndexUnavailableException>(() => _fx.Index.Search("c", "anything", 10, false, _ct));

        Assert.False(ex.IsTransient);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_batch_is_rolled_back_and_never_committed_later()
    {
        var a = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(a, "A", "old")], _ct);
        var broken = Doc(Guid.NewGuid(), "B", "x");
        broken = broken with { Chunks = [broken.Chunks[0] with { Text = null! }] };

        await Assert.ThrowsAnyAsync<Exception>(() => _fx.Index.UpsertAsync("c", [Doc(a, "A", "new one", "new two"), broken], _ct));
        await _fx.Index.UpsertAsync("c", [Doc(Guid.NewGuid(), "C", "later")], _ct);

        var counts = await _fx.Index.GetChunkCountsAsync("c", _ct);
        Assert.Equal(1, counts[a]);
        Assert.Equal(2, counts.Count);
        Assert.Equal("old", Assert.Single(_fx.Index.Search("c", "old", 10, false, _ct)).Text);
    }

    [Fact]
    public void Hostile_collection_name_is_rejected() =>
        Assert.ThrowsAny<RagPlatformException>(() => _fx.Index.Search("../../etc", "x", 10, false, _ct));

    [Fact]
    public async Task Explain_returns_lucene_explanation()
    {
        await _fx.Index.UpsertAsync("c", [Doc(Guid.NewGuid(), "A", "zeta eta theta")], _ct);

        var hit = Assert.Single(_fx.Index.Search("c", "zeta", 10, explain: true, _ct));

        Assert.NotNull(hit.Explanation);
        Assert.Contains("zeta", hit.Explanation, StringComparison.Ordinal);
        Assert.Null(Assert.Single(_fx.Index.Search("c", "zeta", 10, explain: false, _ct)).Explanation);
    }
}
