namespace RagPlatform.Web.Tests.Cli;

public sealed class SearchVerbTests
{
    private static readonly string[] s_samples =
    [
        "17-usc-106-107.md",
        "declaration-of-independence.txt",
        "us-constitution-article-i.html",
        "sample-nda.docx",
    ];

    [Fact]
    public async Task Search_hits_text_equals_docs_text_of_their_span()
    {
        using var cli = new CliFixture();
        foreach (var name in s_samples)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", name), Path.Combine(cli.Inputs, name));
        }

        var index = await cli.RunAsync("index", cli.Inputs, "--collection", "samples", "--json");
        Assert.Equal(0, index.ExitCode);
        Assert.Equal(s_samples.Length, index.Count("added"));

        var search = await cli.RunAsync("search", "fair use copyrighted work", "--collection", "samples", "--top", "5", "--json");
        Assert.Equal(0, search.ExitCode);
        var hits = search.Json.GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 1, 5);
        Assert.Equal("bm25", search.Json.GetProperty("pipeline").GetString());
        foreach (var hit in hits.EnumerateArray())
        {
            var id = hit.GetProperty("documentId").GetString()!;
            var start = hit.GetProperty("charStart").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var end = hit.GetProperty("charEnd").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var span = await cli.RunAsync("docs", "text", id, "--start", start, "--end", end, "--json");
            Assert.Equal(0, span.ExitCode);
            Assert.Equal(hit.GetProperty("text").GetString(), span.Json.GetProperty("text").GetString());
            Assert.Equal(id, span.Json.GetProperty("documentId").GetString());
        }

        var top = hits[0].GetProperty("documentId").GetString()!;
        var shown = await cli.RunAsync("docs", "show", top, "--json");
        Assert.Equal("Indexed", shown.Json.GetProperty("state").GetString());

        var badRange = await cli.RunAsync("docs", "text", top, "--start", "10", "--end", "5", "--json");
        Assert.Equal(2, badRange.ExitCode);
        Assert.Contains("span", badRange.Stderr, StringComparison.Ordinal);

        var human = await cli.RunAsync("search", "fair use", "--collection", "samples");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("hits in", human.Stdout, StringComparison.Ordinal);

        var deleted = await cli.RunAsync("docs", "delete", top, "--json");
        Assert.Equal(0, deleted.ExitCode);
        var after = await cli.RunAsync("search", "fair use copyrighted work", "--collection", "samples", "--top", "5", "--json");
        Assert.DoesNotContain(after.Json.GetProperty("hits").EnumerateArray(), h => h.GetProperty("documentId").GetString() == top);
    }
}
