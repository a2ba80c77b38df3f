namespace RagPlatform.Web.Tests.Cli;

public sealed class EvalVerbTests
{
    [Fact]
    public async Task Eval_scores_a_generated_beir_folder_and_reuses_the_index()
    {
        using var cli = new CliFixture();
        var beir = Directory.CreateDirectory(Path.Combine(cli.Root, "tiny")).FullName;
        Directory.CreateDirectory(Path.Combine(beir, "qrels"));
        await File.WriteAllLinesAsync(Path.Combine(beir, "corpus.jsonl"),
        [
            """{"_id":"d1","title":"Copper","text":"Copper conducts electricity and heat very well."}""",
            """{"_id":"d2","title":"Whales","text":"Blue whales are the largest animals that ever lived."}""",
            """{"_id":"d3","title":"Tea","text":"Green tea contains catechins and caffeine."}""",
        ]);
        await File.WriteAllLinesAsync(Path.Combine(beir, "queries.jsonl"),
        [
            """{"_id":"q1","text":"largest animal blue whale"}""",
            """{"_id":"q2","text":"copper electricity conductor"}""",
        ]);
        await File.WriteAllLinesAsync(Path.Combine(beir, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", "q1\td2\t1", "q2\td1\t1"]);

        var first = await cli.RunAsync("eval", "--beir", beir);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("tiny", first.Json.GetProperty("dataset").GetString());
        Assert.Equal(2, first.Json.GetProperty("queries").GetInt32());
        Assert.Equal(3, first.Json.GetProperty("docs").GetInt32());
        Assert.Equal(1.0, first.Json.GetProperty("mrr@10").GetDouble(), 6);
        Assert.True(first.Json.GetProperty("indexSeconds").GetDouble() > 0);

        var second = await cli.RunAsync("eval", "--beir", beir);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0.0, second.Json.GetProperty("indexSeconds").GetDouble());
        Assert.Equal(1.0, second.Json.GetProperty("ndcg@10").GetDouble(), 6);
    }

    [Fact]
    public async Task Eval_scores_a_long_document_qa_file_as_retrieval_of_its_answer_passages()
    {
        using var cli = new CliFixture();
        var filler = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"clause{i}"));
        var file = cli.Write("tiny_qa.jsonl", string.Join('\n',
            System.Text.Json.JsonSerializer.Serialize(new
            {
                input = $"SUPPLY AGREEMENT between Acme and Birch. {filler} The supplier shall deliver the widgets within thirty days of each order. {filler}",
                instructions = new[] { "Within how many days must the supplier deliver the widgets?", "Is there a warranty?" },
                outputs = new[] { "The supplier shall deliver the widgets within thirty days of each order.", "No" },
            }),
            System.Text.Json.JsonSerializer.Serialize(new
            {
                input = $"LEASE of the premises at Elm Street. {filler} The tenant pays the rent on the first day of every month. {filler}",
                instructions = new[] { "When is the rent due?" },
                outputs = new[] { "The tenant pays the rent on the first day of every month." },
            })));

        var run = await cli.RunAsync("eval", "--longdoc", file, "--passage-words", "32");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("leval-tiny-qa", run.Json.GetProperty("dataset").GetString());
        // The yes/no question is left out; the two others each have their clause's passage(s) judged.
        Assert.Equal(2, run.Json.GetProperty("queries").GetInt32());
        Assert.True(run.Json.GetProperty("docs").GetInt32() >= 8);
        Assert.Equal(1.0, run.Json.GetProperty("recall@100").GetDouble(), 6);
        Assert.True(run.Json.GetProperty("ndcg@10").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Eval_without_a_dataset_says_which_options_it_needs()
    {
        using var cli = new CliFixture();

        var run = await cli.RunAsync("eval");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--beir", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--longdoc", run.Stderr, StringComparison.Ordinal);
    }
}
