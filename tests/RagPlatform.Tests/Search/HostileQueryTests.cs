using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

public sealed class HostileQueryTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();
    private readonly Guid _english = Guid.NewGuid();
    private readonly Guid _chinese = Guid.NewGuid();
    private readonly Guid _arabic = Guid.NewGuid();
    private readonly Guid _russian = Guid.NewGuid();

    public HostileQueryTests()
    {
        _fx.Index.UpsertAsync("h",
        [
            Doc(_english, "E", "The tenant shall pay rent monthly."),
            Doc(_chinese, "Z", "合同双方应当遵守本协议的条款。"),
            Doc(_arabic, "A", "يجب على الطرفين الالتزام بشروط العقد"),
            Doc(_russian, "R", "Арендатор обязан платить арендную плату ежемесячно."),
        ], CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of")]
    [InlineData("?!... ,;")]
    [InlineData("*")]
    public void NoSearchableTerms_GivesNoHits(string query) =>
        Assert.Empty(_fx.Index.Search("h", query, 10, false, CancellationToken.None));

    [Theory]
    [InlineData("rent AND (")]
    [InlineData("\"rent")]
    [InlineData("rent~ tenant^ pay:*")]
    [InlineData("rent) OR [monthly TO")]
    [InlineData("tenant\\ /rent/ {pay}")]
    [InlineData("-rent +tenant !pay || &&")]
    public void LuceneSyntax_IsPlainText(string query)
    {
        var hits = _fx.Index.Search("h", query, 10, false, CancellationToken.None);
        Assert.Equal(_english, hits[0].DocumentId);
    }

    [Fact]
    public void Ten_thousand_char_query_does_not_throw()
    {
        var words = Enumerable.Range(0, 2000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var query = ("rent " + string.Join(' ', words))[..10_000];

        var hits = _fx.Index.Search("h", query, 10, false, CancellationToken.None);

        Assert.Equal(_english, hits[0].DocumentId);
    }

    [Theory]
    [InlineData("本协议的条款", 1)]
    [InlineData("الالتزام بشروط", 2)]
    [InlineData("арендную плату", 3)]
    public void OtherScripts_MatchIdenticalText(string query, int which)
    {
        var expected = new[] { _english, _chinese, _arabic, _russian }[which];
        var hits = _fx.Index.Search("h", query, 10, false, CancellationToken.None);
        Assert.Equal(expected, hits[0].DocumentId);
    }
}
