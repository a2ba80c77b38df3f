using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Storage;
using RagPlatform.Search.Lexical;
using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

/// <summary>
/// A reading process keeps one searcher over the last commit it saw and looks for newer commits of the writing
/// process at most once a second: within the second it reuses the searcher, after it serves the new snapshot.
/// </summary>
public sealed class SearcherRefreshTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_reader_sees_another_writers_commit_once_its_refresh_second_has_passed()
    {
        var time = new FakeTimeProvider();
        using var reader = new LuceneIndex(
            Options.Create(new StorageOptions { DataDirectory = _fx.DataDirectory }), Options.Create(new Bm25Options()), NullLogger<LuceneIndex>.Instance, time);
        var first = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(first, "A", "indemnification clause")], _ct);
        Assert.Single(reader.Match("c", "indemnification", 10, _ct));

        // The writer (another instance, as another process would be) commits a second document.
        var second = Guid.NewGuid();
        await _fx.Index.UpsertAsync("c", [Doc(second, "B", "indemnification schedule")], _ct);
        Assert.Equal(2, _fx.Index.Match("c", "indemnification", 10, _ct).Count);

        // Within the second the reader keeps its snapshot: the same single hit, no directory read.
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Single(reader.Match("c", "indemnification", 10, _ct));

        time.Advance(TimeSpan.FromMilliseconds(600));
        var hits = reader.Match("c", "indemnification", 10, _ct);
        Assert.Equal(new[] { first, second }.Order(), hits.Select(h => h.DocumentId).Order());

        // A hit built for a served page matches its candidate's id.
        var fetched = reader.Fetch("c", "indemnification", [hits[0].ChunkId], explain: false, _ct);
        Assert.Equal(hits[0].ChunkId, Assert.Single(fetched).ChunkId);
        Assert.Contains("indemnification", fetched[0].Snippet, StringComparison.OrdinalIgnoreCase);
    }
}
