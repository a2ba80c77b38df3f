using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Dense;

/// <summary>
/// Fact-pattern queries of thousands of characters: accepted, used whole by BM25 and in encoder-sized windows by the
/// dense scorer, so a fact stated at the end of a long query still finds its passage.
/// </summary>
public sealed class LongQueryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ragp-longq-").FullName;

    public void Dispose() => Directory.Delete(_data, true);

    [Fact]
    public void A_query_that_fits_is_one_window_itself()
    {
        Assert.Equal(["why is it warmer in summer"], QueryWindows.Split("why is it warmer in summer", 160, 48));
    }

    [Theory]
    [InlineData(1000, 160, 48)]
    [InlineData(5000, 160, 48)]
    [InlineData(7680, 160, 48)]
    public void Windows_cover_every_word_within_the_limits(int words, int windowWords, int maxWindows)
    {
        var query = string.Join(' ', Enumerable.Range(0, words).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));

        var windows = QueryWindows.Split(query, windowWords, maxWindows);

        Assert.InRange(windows.Count, 2, maxWindows);
        Assert.All(windows, w => Assert.InRange(w.Split(' ').Length, 1, windowWords));
        var covered = windows.SelectMany(w => w.Split(' ')).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(words, covered.Count);
        Assert.StartsWith("w0 ", windows[0], StringComparison.Ordinal);
        Assert.EndsWith("w" + (words - 1).ToString(CultureInfo.InvariantCulture), windows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_window_budget_windows_spread_from_the_first_word_to_the_last()
    {
        var query = string.Join(' ', Enumerable.Range(0, 30000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));

        var windows = QueryWindows.Split(query, 160, 8);

        Assert.Equal(8, windows.Count);
        Assert.StartsWith("w0 ", windows[0], StringComparison.Ordinal);
        Assert.EndsWith("w29999", windows[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SearchPipeline.Dense)]
    [InlineData(SearchPipeline.HybridRerank)]
    public async Task A_fact_at_the_end_of_a_6000_character_fact_pattern_finds_its_passage(string pipeline)
    {
        await using var services = await IndexedServicesAsync();
        var query = FactPattern("Finally, the expert explained that enzymes lower the activation energy of biochemical reactions in cells.");
        Assert.True(query.Length > 6000);

        var response = await services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, "c", 3, pipeline), CancellationToken.None);

        Assert.Equal("enzymes", response.Hits[0].Source);
    }

    [Fact]
    public async Task Bm25_uses_the_whole_query_not_its_first_terms()
    {
        await using var services = await IndexedServicesAsync();
        // 600 distinct terms no document has come first; the only matching terms come last.
        var noise = string.Join(' ', Enumerable.Range(0, 600).Select(i => "zq" + i.ToString(CultureInfo.InvariantCulture) + "x"));
        var query = noise + " The lease must state the rent and the obligations of landlord and tenant.";

        var response = await services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, "c", 3, SearchPipeline.Bm25), CancellationToken.None);

        Assert.Equal("lease", response.Hits[0].Source);
    }

    [Fact]
    public async Task A_query_over_the_limit_is_refused_with_the_setting_named()
    {
        await using var services = await IndexedServicesAsync();
        var query = new string('a', 40_000);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            services.GetRequiredService<Retriever>().SearchAsync(new SearchRequest(query, "c", 3, SearchPipeline.Bm25), CancellationToken.None));
        Assert.Contains("Search:MaxQueryChars", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_counts_a_refused_query_and_goes_on()
    {
        var data = new BeirDataset(
            "tiny",
            "test",
            [new BeirDocument("d1", "One", "first"), new BeirDocument("d2", "Two", "second")],
            [new BeirQuery("q1", "first"), new BeirQuery("q2", "too long"), new BeirQuery("q3", "second")],
            new Dictionary<string, IReadOnlyDictionary<string, int>>
            {
                ["q1"] = new Dictionary<string, int> { ["d1"] = 1 },
                ["q2"] = new Dictionary<string, int> { ["d2"] = 1 },
                ["q3"] = new Dictionary<string, int> { ["d2"] = 1 },
            });

        var report = await new BeirEvaluator().EvaluateAsync(
            data,
            (text, _, _) => text == "too long"
                ? throw new InvalidRequestException("The query is too long.")
                : Task.FromResult<IReadOnlyList<string>>(text == "first" ? ["d1"] : ["d2"]),
            SearchPipeline.Bm25,
            2,
            0,
            null,
            CancellationToken.None);

        Assert.Equal(3, report.Queries);
        Assert.Equal(1, report.FailedQueries);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("q2", failure.Id);
        Assert.Contains("too long", failure.Error, StringComparison.Ordinal);
        // Two of three queries rank their document first; the refused one scores 0.
        Assert.Equal(2.0 / 3.0, report.NdcgAt10, 6);
    }

    private static string FactPattern(string lastFact)
    {
        var text = new StringBuilder();
        var i = 0;
        while (text.Length < 6000)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"On day {++i} the appellant drove the delivery truck along the highway to the warehouse, where the foreman counted the crates and signed the manifest. ");
        }

        return text.Append(lastFact).ToString();
    }

    private async Task<ServiceProvider> IndexedServicesAsync()
    {
        var services = LibraryServices.WithMiniLm(_data).BuildServiceProvider();
        await services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<IngestionPipeline>().IndexRecordsAsync("c", [
            new TextRecord("seasons", "Seasons", "The tilt of Earth's axis changes how directly sunlight strikes each hemisphere, causing summer and winter."),
            new TextRecord("lease", "Leases", "A lease must state the rent, the term and the obligations of landlord and tenant."),
            new TextRecord("enzymes", "Enzymes", "Enzymes lower the activation energy of biochemical reactions in cells."),
            new TextRecord("trucking", "Freight", "A carrier of goods by road is liable for loss of the cargo unless it proves an act of God."),
        ], singleChunk: true, null, CancellationToken.None);
        return services;
    }
}
