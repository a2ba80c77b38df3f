using RagPlatform.Core.Answering;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Tests.Answering;

public sealed class QaScoringTests
{
    [Fact]
    public void Token_f1_normalizes_case_punctuation_and_articles()
    {
        Assert.Equal(["cat", "sat", "on", "mat"], TokenF1.Tokens("The Cat sat, on THE mat!"));
        // prediction {cat, sat, on, mat}, gold {cat, on, mat}: P = 3/4, R = 3/3, F1 = 2 * 0.75 / 1.75 = 6/7.
        Assert.Equal(6.0 / 7.0, TokenF1.Score("The cat sat on the mat", "A cat on a mat."), 10);
        Assert.Equal(1.0, TokenF1.Score("five (5) years", "Five (5) years."), 10);
        Assert.Equal(0.0, TokenF1.Score("yes", "no"), 10);
        // Repeated tokens count once per occurrence: prediction {no, no}, gold {no}: P = 1/2, R = 1, F1 = 2/3.
        Assert.Equal(2.0 / 3.0, TokenF1.Score("no no", "no"), 10);
    }

    [Fact]
    public void Evidence_window_f1_finds_the_gold_inside_a_long_span()
    {
        const string span = "x y z the cat sat on mat w";
        Assert.Equal(1.0, TokenF1.BestWindow(span, "cat sat on mat"), 10);
        // Best 4-token window [cat, sat, on, mat] holds 3 of the gold's 4 tokens {cat, on, mat, dog}.
        Assert.Equal(0.75, TokenF1.BestWindow(span, "cat on mat dog"), 10);
        // A span shorter than the gold is scored by plain F1: {cat} vs {cat, dog}: P = 1, R = 1/2, F1 = 2/3.
        Assert.Equal(2.0 / 3.0, TokenF1.BestWindow("cat", "cat dog"), 10);
    }

    [Fact]
    public void Quality_instructions_are_split_into_stem_and_options()
    {
        var question = LongDocLoader.ParseQuestion(
            "Why did he leave?\n\n (A) He was bored. \n (B) He was scared.\n (C) He was paid.\n (D) He was lost. ",
            "(B) He was scared.");
        Assert.Equal("Why did he leave?", question.Question);
        Assert.Equal(["He was bored.", "He was scared.", "He was paid.", "He was lost."], question.Options!);
        Assert.Equal(1, question.GoldOption);
        Assert.Equal("He was scared.", question.Gold);

        var line = "{\"input\": \"Doc text.\", \"instructions\": [\"What is it?\"], \"outputs\": [\"A test.\"], \"source\": \"s\", \"evaluation\": \"f1\"}";
        var task = LongDocLoader.Parse(line);
        Assert.Equal("Doc text.", task.Document);
        Assert.Equal(new LongDocQuestion("What is it?", "A test."), Assert.Single(task.Questions));
    }

    [Fact]
    public void Multiple_choice_picks_the_option_the_evidence_supports()
    {
        var evidence = new[] { "The ship left port at dawn. The captain feared the storm coming from the north, so the crew stayed below deck." };
        var chosen = MultipleChoice.Choose(
            "Why did the crew stay below?",
            ["They were celebrating a birthday.", "The captain feared a storm from the north.", "The ship was sinking.", "They were asleep."],
            evidence);
        Assert.Equal(1, chosen);
    }

    [Fact]
    public async Task Evaluator_aggregates_recall_f1_verbatimness_and_accuracy()
    {
        const string doc = "The term is five (5) years. Fees are due monthly. The captain feared the storm from the north.";
        var hit = Evidence.Hit(doc, 0, doc.Length);
        var tasks = new[]
        {
            new LongDocTask(doc, [new LongDocQuestion("How long is the term?", "five (5) years"), new LongDocQuestion("Who pays taxes?", "the buyer")], "s", "f1"),
            new LongDocTask(doc, [new LongDocQuestion("Why?", "The captain feared the storm.", ["A party.", "The captain feared the storm."], 1)], "q", "exam"),
        };
        var verified = 0;
        var report = await new QaEvaluator(TimeProvider.System).EvaluateAsync("toy", "passages", tasks,
            (_, question, _) => Task.FromResult(AnswerFor(question.Question, hit, doc)),
            (citation, _) =>
            {
                verified++;
                return Task.FromResult(doc[citation.CharStart..citation.CharEnd] == citation.Quote);
            },
            CancellationToken.None);

        Assert.Equal(3, report.Questions);
        Assert.Equal(3, verified);
        var q1 = report.PerQuestion[0];
        // Tokens: prediction {term, is, five, 5, years}, gold {five, 5, years}: P = 3/5, R = 1, F1 = 0.75.
        Assert.Equal(0.75, q1.AnswerF1, 4);
        Assert.True(q1.EvidenceFound);
        Assert.False(report.PerQuestion[1].EvidenceFound);
        Assert.Equal(0.0, report.PerQuestion[1].AnswerF1);
        Assert.True(report.PerQuestion[2].Correct);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(Math.Round(2.0 / 3.0, 4), report.EvidenceRecall);
        // One of the three citations was planted with a wrong quote.
        Assert.Equal(Math.Round(2.0 / 3.0, 4), report.CitationsVerbatim);
        Assert.Equal(Math.Round((0.75 + 0 + 1) / 3, 4), report.AnswerF1);
        Assert.Null(report.AbstainedCorrectly);
    }

    private static Answer AnswerFor(string question, SearchHit hit, string doc)
    {
        var sentence = question.StartsWith("How long", StringComparison.Ordinal) ? "The term is five (5) years." : "Fees are due monthly.";
        var start = doc.IndexOf(sentence, StringComparison.Ordinal);
        // The "Who pays" answer carries a quote that is not the text at its span.
        var quote = question.StartsWith("Who", StringComparison.Ordinal) ? "Fees are due weekly." : sentence;
        var citation = new Citation(1, hit.ChunkId, hit.DocumentId, hit.Title, 1, 1, start, start + sentence.Length, quote);
        return new Answer
        {
            Question = question,
            Text = sentence + " [1]",
            Supported = true,
            Citations = [citation],
            Evidence = question.StartsWith("Who", StringComparison.Ordinal) ? [] : [hit],
            Strategy = AnswerStrategy.Passages,
            TookMs = 1,
            Sentences = [new AnswerSentence(sentence, true, [1])],
            Abstained = false,
            Generator = AnswerOptions.ExtractiveGenerator,
        };
    }
}
