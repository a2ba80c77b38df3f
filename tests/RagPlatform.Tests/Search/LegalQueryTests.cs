using Xunit;
using static RagPlatform.Tests.Search.LuceneIndexFixture;

namespace RagPlatform.Tests.Search;

public sealed class LegalQueryTests : IDisposable
{
    private readonly LuceneIndexFixture _fx = new();
    private readonly Guid _citation = Guid.NewGuid();
    private readonly Guid _section = Guid.NewGuid();
    private readonly Guid _docket = Guid.NewGuid();
    private readonly Guid _other = Guid.NewGuid();

    public LegalQueryTests()
    {
        _fx.Index.UpsertAsync("law",
        [
            Doc(_citation, "Civil rights", "Claims arise under 22 U.S.C. 1983 and the court applies it."),
            Doc(_section, "Contract", "Section 2.3(b) requires notice within 30 days; section 2.4 does not."),
            Doc(_docket, "Opinion", "In docket No. 07-1315 the court held that 3.5 percent interest was due."),
            Doc(_other, "Noise", "The court noted 1983 was a year; 22 people came; the United States code was cited."),
        ], CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("22 U.S.C. 1983")]
    [InlineData("42 U.S.C. § 1983")]
    [InlineData("U.S.C.")]
    public void Citation_RanksCitingChunkFirst(string query) =>
        Assert.Equal(_citation, First(query));

    [Theory]
    [InlineData("section 2.3(b)")]
    [InlineData("2.3(b)")]
    public void Section_number_is_found(string query) => Assert.Equal(_section, First(query));

    [Fact]
    public void Docket_is_found() => Assert.Equal(_docket, First("07-1315"));

    [Fact]
    public void Decimal_is_found() => Assert.Equal(_docket, First("3.5 percent"));

    [Fact]
    public void Section_symbol_without_space_matches_number()
    {
        // "§1983" and "§ 1983" both index the number 1983; the citing chunk also has 22 and u.s.c.
        var hits = _fx.Index.Search("law", "§1983", 10, false, CancellationToken.None);
        Assert.Contains(hits, h => h.DocumentId == _citation);
    }

    [Fact]
    public void Stemming_matches_inflections() => Assert.Equal(_section, First("requiring notices"));

    private Guid First(string query) =>
        _fx.Index.Search("law", query, 10, false, CancellationToken.None)[0].DocumentId;
}
