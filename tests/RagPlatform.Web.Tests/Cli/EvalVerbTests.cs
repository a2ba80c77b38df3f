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
}
