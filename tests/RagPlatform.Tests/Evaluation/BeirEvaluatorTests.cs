using System.Text.Json;
using RagPlatform.Core.Evaluation;
using Xunit;

namespace RagPlatform.Tests.Evaluation;

public sealed class BeirEvaluatorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ragp-beir-" + Guid.NewGuid().ToString("N"));

    public BeirEvaluatorTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "qrels"));
        File.WriteAllLines(Path.Combine(_dir, "corpus.jsonl"),
        [
            """{"_id": "d1", "title": "T1", "text": "one"}""",
            """{"_id": "d2", "title": "", "text": "two"}""",
            """{"_id": "d3", "title": "T3", "text": "three"}""",
        ]);
        File.WriteAllLines(Path.Combine(_dir, "queries.jsonl"),
        [
            """{"_id": "q1", "text": "first"}""",
            """{"_id": "q2", "text": "second"}""",
            """{"_id": "q3", "text": "not judged"}""",
        ]);
        File.WriteAllLines(Path.Combine(_dir, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", "q1\td1\t1", "q2\td2\t1", "q2\td3\t1"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Load_keeps_only_judged_queries()
    {
        var data = await BeirDataset.LoadAsync(_dir, "test", CancellationToken.None);

        Assert.Equal(3, data.Corpus.Count);
        Assert.Equal(["q1", "q2"], data.Queries.Select(q => q.Id));
        Assert.Equal(1, data.Qrels["q2"]["d3"]);
        Assert.Equal("T1", data.Corpus[0].Title);
    }

    [Fact]
    public async Task Evaluate_averages_over_queries()
    {
        var data = await BeirDataset.LoadAsync(_dir, "test", CancellationToken.None);
        var answers = new Dictionary<string, IReadOnlyList<string>> { ["first"] = ["d1"], ["second"] = [] };

        var report = await new BeirEvaluator().EvaluateAsync(
            data, (q, k, ct) => Task.FromResult(answers[q]), "bm25", chunks: 3, indexSeconds: 1.5, model: null, CancellationToken.None);

        // q1: d1 at rank 1 -> nDCG 1, recall 1, MRR 1; q2: no results -> 0. Means: 0.5 each.
        Assert.Equal(0.5, report.NdcgAt10);
        Assert.Equal(0.5, report.RecallAt100);
        Assert.Equal(0.5, report.MrrAt10);
        Assert.Equal(2, report.Queries);
        Assert.Equal(3, report.Docs);
        var json = JsonSerializer.Serialize(report);
        Assert.Contains("\"ndcg@10\":0.5", json, StringComparison.Ordinal);
        Assert.Contains("\"latencyMs\":{\"p50\":", json, StringComparison.Ordinal);
    }
}
