using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Evaluation;

/// <summary>The question-set scoring rules on real answers from the NDA, 17 U.S.C. and Constitution samples.</summary>
public sealed class QuestionSetScoringTests(SampleCorpus.Legal corpus) : IClassFixture<SampleCorpus.Legal>
{
    private const string Duration = "How long does the NDA remain in force?";
    private const string OffTopic = "What is the melting point of tungsten carbide?";

    [Fact]
    public async Task Key_phrases_and_a_citation_on_a_right_page_of_the_right_document_are_correct()
    {
        var result = Score(Item(Duration, "sample-nda.docx", ["two years"], [1]), await AskAsync(Duration));

        Assert.True(result.Correct, string.Join("; ", result.Reasons!));
        Assert.True(result.CitationOnPage);
        Assert.Empty(result.Reasons!);
        Assert.Empty(result.MissingPhrases!);
        Assert.Contains(result.Cited!, c => c.StartsWith("sample-nda.docx p. 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_citation_off_the_pages_is_a_wrong_page()
    {
        var result = Score(Item(Duration, "sample-nda.docx", ["two years"], [2]), await AskAsync(Duration));

        Assert.False(result.Correct);
        Assert.False(result.CitationOnPage);
        Assert.StartsWith("wrong page: no citation on p. 2 (cited: sample-nda.docx p. 1", Assert.Single(result.Reasons!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citations_in_another_document_are_a_wrong_document()
    {
        var result = Score(Item(Duration, "us-constitution-article-i.html", ["two years"], [1]), await AskAsync(Duration));

        Assert.False(result.Correct);
        Assert.StartsWith("wrong document: no citation in us-constitution-article-i.html", Assert.Single(result.Reasons!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_key_phrases_are_named()
    {
        var result = Score(Item(Duration, "sample-nda.docx", ["two years", "ninety days"], [1]), await AskAsync(Duration));

        Assert.False(result.Correct);
        Assert.Equal(["ninety days"], result.MissingPhrases);
        Assert.Equal("missing phrases: \"ninety days\"", Assert.Single(result.Reasons!));
    }

    [Fact]
    public async Task Abstaining_is_correct_only_for_unanswerable_questions()
    {
        var answer = await AskAsync(OffTopic);
        Assert.True(answer.Abstained);

        var unanswerable = Score(Item(OffTopic, null, [], [], answerable: false), answer);
        Assert.True(unanswerable.Correct);
        Assert.Empty(unanswerable.Reasons!);
        Assert.Null(unanswerable.CitationOnPage);

        var answerable = Score(Item(OffTopic, null, ["2,870"], []), answer);
        Assert.False(answerable.Correct);
        Assert.Equal("abstained on an answerable question", Assert.Single(answerable.Reasons!));
    }

    [Fact]
    public async Task An_answer_to_an_unanswerable_question_did_not_abstain()
    {
        var result = Score(Item(Duration, null, [], [], answerable: false), await AskAsync(Duration));

        Assert.False(result.Correct);
        Assert.StartsWith("did not abstain on an unanswerable question (relevance ", Assert.Single(result.Reasons!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Junk_sentences_are_counted_and_fail_the_question_but_not_correctness()
    {
        var answer = await AskAsync(Duration);
        // The NDA's own heading line, as a composer that quoted it would have written it.
        var heading = new AnswerSentence("Article 3 Term and Termination", true, [1]);
        var result = Score(Item(Duration, "sample-nda.docx", ["two years"], [1]), answer with { Sentences = [heading, .. answer.Sentences] });

        Assert.True(result.Correct);
        Assert.Equal(["Heading: Article 3 Term and Termination"], result.Junk);
        Assert.Equal("junk: Heading: Article 3 Term and Termination", Assert.Single(result.Reasons!));
        var report = QuestionSetEvaluator.Report("set", "auto", null, [result]);
        Assert.Equal(1, report.JunkSentences);
        Assert.Single(report.Failed!);
    }

    [Fact]
    public async Task The_evaluator_reports_correct_recall_abstention_failures_and_both_latencies()
    {
        var items = QuestionSetLoader.Parse(
            """
            {"question": "How long does the NDA remain in force?", "document": "sample-nda", "keyPhrases": ["two years"], "pages": [1]}
            {"question": "How long does the NDA remain in force?", "document": "Mutual Non-Disclosure Agreement (Sample)", "keyPhrases": ["two years", "ninety days"], "pages": [1]}
            {"question": "What is the melting point of tungsten carbide?", "answerable": false}
            """,
            "set.jsonl");
        var evaluator = new QuestionSetEvaluator(
            corpus.Services.GetRequiredService<Answerer>(),
            corpus.Services.GetRequiredService<Retriever>(),
            corpus.Services.GetRequiredService<IMetadataStore>(),
            corpus.Services.GetRequiredService<IOptions<AnswerOptions>>(),
            TimeProvider.System);

        var report = await evaluator.EvaluateAsync("set", AnswerStrategy.Auto, items, SampleCorpus.Collection, null, null, CancellationToken.None);

        Assert.Equal(3, report.Questions);
        Assert.Equal(2, report.Answerable);
        Assert.Equal(1, report.Unanswerable);
        Assert.Equal(Math.Round(2 / 3.0, 4), report.Correct);
        Assert.Equal(Math.Round(2 / 3.0, 4), report.KeyPhraseRecall);
        Assert.Equal(1, report.AbstainedCorrectly);
        Assert.Equal(1, report.CitationsVerbatim);
        Assert.NotNull(report.SearchLatencyMs);
        Assert.All(report.PerQuestion, r => Assert.NotNull(r.SearchMs));
        var failed = Assert.Single(report.Failed!);
        Assert.Equal(2, failed.Line);
        Assert.Equal(["missing phrases: \"ninety days\""], failed.Reasons);
    }

    [Theory]
    [InlineData("This Agreement remains in force for two (2) years from the Effective Date.", "two years", true)]
    [InlineData("the PURPOSE and character of the use", "purpose and character", true)]
    [InlineData("non-public information", "non public", true)]
    [InlineData("twenty five Years", "twenty-five years", true)]
    [InlineData("the purpose of the use and its character", "purpose and character", false)]
    [InlineData("two yearsfrom", "two years", false)]
    public void Key_phrases_match_normalized_token_runs(string text, string phrase, bool expected) =>
        Assert.Equal(expected, QuestionSetScorer.ContainsPhrase(text, phrase));

    private static QuestionSetItem Item(string question, string? document, string[] phrases, int[] pages, bool answerable = true) =>
        new(1, question, null, document, phrases, pages, answerable);

    private QaQuestionResult Score(QuestionSetItem item, Answer answer) =>
        QuestionSetScorer.Score(item, SampleCorpus.Collection, answer, corpus.Documents, answer.Citations.Count, 1, null);

    private Task<Answer> AskAsync(string question) =>
        corpus.Services.GetRequiredService<Answerer>().AskAsync(new AskRequest(question, SampleCorpus.Collection), CancellationToken.None);
}
