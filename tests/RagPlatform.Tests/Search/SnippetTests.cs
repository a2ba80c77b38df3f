using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

public sealed class SnippetTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Snippet_escapes_markup_and_marks_matches()
    {
        const string text = "Before <script>alert('x')</script> the indemnification clause & more.";
        await _fx.Index.UpsertAsync("s", [Doc(Guid.NewGuid(), "S", text)], CancellationToken.None);

        var hit = Assert.Single(_fx.Index.Search("s", "indemnification", 10, false, CancellationToken.None));

        Assert.Equal(text, hit.Text);
        Assert.Equal("Before &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; the <mark>indemnification</mark> clause &amp; more.", hit.Snippet);
    }

    [Fact]
    public async Task Snippet_of_long_text_is_short_and_around_the_match()
    {
        var text = string.Join(' ', Enumerable.Repeat("filler words here", 100)) + " the arbitration clause " +
            string.Join(' ', Enumerable.Repeat("more filler", 100));
        await _fx.Index.UpsertAsync("s", [Doc(Guid.NewGuid(), "S", text)], CancellationToken.None);

        var hit = Assert.Single(_fx.Index.Search("s", "arbitration", 10, false, CancellationToken.None));

        Assert.Contains("<mark>arbitration</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.InRange(hit.Snippet.Length, 50, 260);
        Assert.StartsWith("…", hit.Snippet, StringComparison.Ordinal);
        Assert.Equal(text, hit.Text);
    }

    [Fact]
    public async Task Snippet_marks_stemmed_variants()
    {
        await _fx.Index.UpsertAsync("s", [Doc(Guid.NewGuid(), "S", "The parties terminated the agreement.")], CancellationToken.None);

        var hit = Assert.Single(_fx.Index.Search("s", "terminating", 10, false, CancellationToken.None));

        Assert.Equal("The parties <mark>terminated</mark> the agreement.", hit.Snippet);
    }
}
