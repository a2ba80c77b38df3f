using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

/// <summary>The flat field layout (title indexed with each chunk) and the id-only first stage used by fusion.</summary>
public sealed class LexicalCandidateTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Title_terms_find_chunks_but_hits_and_snippets_hold_only_the_chunk_text()
    {
        var a = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(a, "Indemnification Agreement", "The supplier shall hold the buyer harmless.")], _ct);

        var hit = Assert.Single(_fx.Index.Search("c", "indemnification harmless", 10, false, _ct));

        Assert.Equal("The supplier shall hold the buyer harmless.", hit.Text);
        Assert.Equal("Indemnification Agreement", hit.Title);
        Assert.Equal("The supplier shall hold the buyer <mark>harmless</mark>.", hit.Snippet);
    }

    [Fact]
    public async Task Match_ranks_like_search_with_ids_and_scores_only()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        await _fx.Index.UpsertAsync("c", ids.Take(15).Select((id, i) => Doc(id, "T" + i, $"river {string.Join(' ', Enumerable.Repeat("bank", i + 1))} loan")).ToList(), _ct);
        // A second commit makes a second segment, so ids are read across leaves.
        await _fx.Index.UpsertAsync("c", ids.Skip(15).Select((id, i) => Doc(id, "U" + i, $"bank holiday {i} river")).ToList(), _ct);

        var full = _fx.Index.Search("c", "river bank loan", 20, false, _ct);
        var matches = _fx.Index.Match("c", "river bank loan", 20, _ct);

        Assert.Equal(20, matches.Count);
        Assert.Equal(full.Select(h => (h.ChunkId, h.DocumentId, h.Score)), matches.Select(m => (m.ChunkId, m.DocumentId, m.Score)));
    }

    [Fact]
    public async Task Fetch_builds_hits_in_the_given_order_skips_unknown_ids_and_needs_no_searchable_term()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(a, "A", "first passage about rivers", "second passage"), Doc(b, "B", "third passage")], _ct);

        var hits = _fx.Index.Fetch("c", "rivers", [$"{b:N}-0", "missing-7", $"{a:N}-0"], explain: false, _ct);

        Assert.Equal([$"{b:N}-0", $"{a:N}-0"], hits.Select(h => h.ChunkId));
        Assert.Equal("first passage about <mark>rivers</mark>", hits[1].Snippet);
        Assert.All(hits, h => Assert.Null(h.Scores.Bm25));

        // Stopwords only: nothing to highlight, but the hits are still built (a dense-only query needs them).
        var plain = _fx.Index.Fetch("c", "the of and", [$"{a:N}-1"], explain: true, _ct);
        Assert.Equal("second passage", Assert.Single(plain).Text);
        Assert.Null(plain[0].Explanation);
    }
}
