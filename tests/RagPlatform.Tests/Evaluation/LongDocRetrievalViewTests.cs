using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation;
using RagPlatform.Core.Evaluation.Qa;

namespace RagPlatform.Tests.Evaluation;

/// <summary>The retrieval view of a long-document QA set: passages, named queries, and the passages that hold each gold answer.</summary>
public sealed class LongDocRetrievalViewTests
{
    private static string Words(string prefix, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"{prefix}{i}"));

    [Fact]
    public void Passages_tile_the_document_and_the_gold_answer_marks_every_passage_it_spans()
    {
        // 40 filler words, then a 6-word clause that straddles the passage boundary at word 48, then more filler.
        var clause = "the term ends five years later";
        var document = $"LICENSE AGREEMENT {Words("w", 44)} {clause} {Words("x", 50)}";
        var task = new LongDocTask(document, [new LongDocQuestion("When does the term end?", clause), new LongDocQuestion("Is it exclusive?", "Yes")], "cuad", "f1");

        var view = LongDocRetrievalView.Build("leval-test", [task], 48);

        var words = document.Split(' ').Length;
        Assert.Equal((words + 47) / 48, view.Corpus.Count);
        Assert.Equal(words, view.Corpus.Sum(p => p.Text.Split(' ').Length));
        Assert.All(view.Corpus, p => Assert.StartsWith("LICENSE AGREEMENT w0", p.Title, StringComparison.Ordinal));

        // The yes/no question says nothing about where its evidence is and is left out.
        var query = Assert.Single(view.Queries);
        Assert.EndsWith(": When does the term end?", query.Text, StringComparison.Ordinal);
        Assert.StartsWith(view.Corpus[0].Title, query.Text, StringComparison.Ordinal);
        Assert.Equal(["d0-p0", "d0-p1"], view.Qrels[query.Id].Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_answer_not_in_its_document_drops_the_question_and_choice_questions_are_skipped()
    {
        var task = new LongDocTask(Words("w", 100), [new LongDocQuestion("What?", "words that are nowhere here"), new LongDocQuestion("Which?", "w1 w2 w3 w4", ["a", "b"], 0)], "q", "em");
        var other = new LongDocTask(Words("v", 30), [new LongDocQuestion("Where?", "v3 v4 v5 v6")], "q", "f1");

        var view = LongDocRetrievalView.Build("leval-test", [task, other], 32);

        var query = Assert.Single(view.Queries);
        Assert.Equal("d1-q0", query.Id);
        Assert.Equal(["d1-p0"], view.Qrels[query.Id].Keys);
        Assert.Equal(4 + 1, view.Corpus.Count);
    }

    [Fact]
    public void A_tiny_passage_size_is_refused()
    {
        Assert.Throws<InvalidRequestException>(() => LongDocRetrievalView.Build("x", [], 4));
    }
}
