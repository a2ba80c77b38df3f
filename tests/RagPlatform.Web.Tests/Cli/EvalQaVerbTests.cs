namespace RagPlatform.Web.Tests.Cli;

/// <summary><c>ragp eval-qa --questions FILE --docs DIR</c>: indexes the folder, asks the set, reports in both forms.</summary>
public sealed class EvalQaVerbTests
{
    private const string Lines =
        """
        {"question": "How long does the NDA remain in force?", "document": "sample-nda", "keyPhrases": ["two years"], "pages": [1]}
        {"question": "How long does the NDA remain in force?", "document": "us-constitution-article-i.html", "keyPhrases": ["two years"], "pages": [1]}
        {"question": "What is the melting point of tungsten carbide?", "answerable": false}
        """;

    [Fact]
    public async Task A_question_set_is_scored_over_an_indexed_folder_with_failures_listed()
    {
        using var cli = new CliFixture();
        var docs = Directory.CreateDirectory(Path.Combine(cli.Inputs, "docs")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "sample-nda.docx"), Path.Combine(docs, "sample-nda.docx"));
        var set = cli.Write("set.jsonl", Lines);

        var human = await cli.RunAsync("eval-qa", "--questions", set, "--docs", docs);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("set: 3 questions (2 answerable, 1 unanswerable)", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("correct            66.7% (2/3)", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("line 2: How long does the NDA remain in force?", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("- wrong document: no citation in us-constitution-article-i.html", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("search latency", human.Stdout, StringComparison.Ordinal);

        // The folder is already indexed under evalqa-docs; --collection reuses it.
        var json = await cli.RunAsync("eval-qa", "--questions", set, "--collection", "evalqa-docs", "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(0.6667, json.Json.GetProperty("correct").GetDouble());
        Assert.Equal(1.0, json.Json.GetProperty("abstainedCorrectly").GetDouble());
        Assert.Equal(2, Assert.Single(json.Json.GetProperty("failed").EnumerateArray()).GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_bad_line_stops_the_run_with_its_line_number()
    {
        using var cli = new CliFixture();
        var set = cli.Write("bad.jsonl", "{\"question\": \"ok?\", \"keyPhrases\": [\"a\"]}\n\n{\"question\": \"no phrases?\"}\n");

        var run = await cli.RunAsync("eval-qa", "--questions", set, "--collection", "c");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.jsonl line 3: an answerable question needs at least one entry in 'keyPhrases'", run.Stderr, StringComparison.Ordinal);
    }
}
