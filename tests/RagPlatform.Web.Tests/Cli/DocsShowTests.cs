namespace RagPlatform.Web.Tests.Cli;

public sealed class DocsShowTests
{
    [Fact]
    public async Task Docs_show_json_gives_the_section_tree_and_the_papers_title_authors_and_date()
    {
        using var cli = new CliFixture();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "2020.acl-main.447.pdf"), Path.Combine(cli.Inputs, "s2orc.pdf"));
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "papers", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "papers", "--json")).Json[0].GetProperty("id").GetString()!;

        var show = await cli.RunAsync("docs", "show", id, "--json");

        Assert.Equal(0, show.ExitCode);
        var metadata = show.Json.GetProperty("metadata");
        Assert.Equal("S2ORC: The Semantic Scholar Open Research Corpus", metadata.GetProperty("title").GetString());
        Assert.Contains("Kyle Lo", metadata.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Matches(@"^2020-\d\d-\d\d$", metadata.GetProperty("date").GetString());
        var sections = show.Json.GetProperty("sections").EnumerateArray().ToList();
        var processing = Assert.Single(sections, s => s.GetProperty("number").GetString() == "2.1");
        Assert.Equal("Processing PDFs", processing.GetProperty("title").GetString());
        Assert.Equal(2, processing.GetProperty("level").GetInt32());
        Assert.Equal(3, processing.GetProperty("pageStart").GetInt32());
        Assert.True(processing.GetProperty("charEnd").GetInt32() > processing.GetProperty("charStart").GetInt32());
    }
}
