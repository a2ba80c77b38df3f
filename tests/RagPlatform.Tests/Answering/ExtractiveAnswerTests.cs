using RagPlatform.Core.Answering;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Tests.Answering;

public sealed class ExtractiveAnswerTests
{
    private static readonly string s_doc = Evidence.Contract;

    private static async Task<Answer> AskAsync(string question, IReadOnlyList<SearchHit> evidence, AnswerOptions? options = null)
    {
        var composer = new AnswerComposer(options ?? new AnswerOptions(), TimeProvider.System, null, null);
        Answer? final = null;
        await foreach (var update in composer.ComposeAsync(question, AnswerStrategy.Passages, evidence, (options ?? new AnswerOptions()).MaxSentences, null, 0, CancellationToken.None))
        {
            final = update.Answer ?? final;
        }

        return final!;
    }

    private static IReadOnlyList<SearchHit> WholeContractInChunks()
    {
        var third = s_doc.IndexOf("3. Term.", StringComparison.Ordinal);
        var fourth = s_doc.IndexOf("4. Termination.", StringComparison.Ordinal);
        // Ranked as a retriever might: the term clause first, then the rest.
        return [Evidence.Hit(s_doc, third, fourth, 0), Evidence.Hit(s_doc, 0, third, 1), Evidence.Hit(s_doc, fourth, s_doc.Length, 2)];
    }

    [Fact]
    public async Task Quotes_are_the_document_text_at_their_spans_and_numbered_in_order()
    {
        var answer = await AskAsync("When does this agreement expire, and can it be renewed?", WholeContractInChunks());

        Assert.False(answer.Abstained);
        Assert.True(answer.Supported);
        Assert.Equal(2, answer.Citations.Count);
        Assert.Equal([1, 2], answer.Citations.Select(c => c.N));
        foreach (var citation in answer.Citations)
        {
            Assert.Equal(s_doc[citation.CharStart..citation.CharEnd], citation.Quote);
        }

        Assert.Equal("This Agreement shall commence on the Effective Date and shall expire on December 31, 2027.", answer.Citations[0].Quote);
        Assert.StartsWith("The Agreement may be renewed", answer.Citations[1].Quote, StringComparison.Ordinal);
        Assert.True(answer.Citations[0].CharStart < answer.Citations[1].CharStart);
        Assert.Equal(
            "This Agreement shall commence on the Effective Date and shall expire on December 31, 2027. [1] " +
            "The Agreement may be renewed for successive one-year terms by written notice given at least 90 days before it expires. [2]",
            answer.Text);
        Assert.All(answer.Sentences, s => Assert.True(s.Supported));
        Assert.Equal(AnswerOptions.ExtractiveGenerator, answer.Generator);
    }

    [Fact]
    public async Task Sentences_are_ordered_by_document_position_not_by_rank()
    {
        var answer = await AskAsync("What are the late payment interest and the termination notice for material breach?", WholeContractInChunks(), new AnswerOptions { MaxSentences = 3, MinRelativeScore = 0.3 });

        Assert.Contains(answer.Citations, c => c.Quote.StartsWith("Late payments", StringComparison.Ordinal));
        Assert.Contains(answer.Citations, c => c.Quote.StartsWith("Either party may terminate", StringComparison.Ordinal));
        Assert.Equal(answer.Citations.OrderBy(c => c.CharStart).Select(c => c.N), answer.Citations.Select(c => c.N));
    }

    [Fact]
    public async Task Abstains_when_the_evidence_is_unrelated()
    {
        var answer = await AskAsync("What is the boiling point of liquid nitrogen?", WholeContractInChunks());

        Assert.True(answer.Abstained);
        Assert.False(answer.Supported);
        Assert.Equal("The documents do not answer this.", answer.Text);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Abstention_threshold_is_an_option()
    {
        var question = "When does this agreement expire, and can it be renewed?";
        var strict = await AskAsync(question, WholeContractInChunks(), new AnswerOptions { AbstainThreshold = 0.99 });
        Assert.True(strict.Abstained);
    }

    [Fact]
    public async Task Redundant_sentences_from_overlapping_chunks_are_quoted_once()
    {
        var term = s_doc.IndexOf("3. Term.", StringComparison.Ordinal);
        var end = s_doc.IndexOf("4. Termination.", StringComparison.Ordinal);
        // Two overlapping chunks both hold the expiry sentence.
        var evidence = new[] { Evidence.Hit(s_doc, term, end, 0), Evidence.Hit(s_doc, term + 9, end, 1) };
        var answer = await AskAsync("On what date will the agreement expire?", evidence, new AnswerOptions { MaxSentences = 3, MinRelativeScore = 0 });

        Assert.Single(answer.Citations, c => c.Quote.Contains("December 31, 2027", StringComparison.Ordinal));
        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.CharStart).Distinct().Count());
    }

    [Fact]
    public async Task Streaming_sends_deltas_before_the_final_answer()
    {
        var composer = new AnswerComposer(new AnswerOptions(), TimeProvider.System, null, null);
        var updates = new List<AnswerUpdate>();
        await foreach (var update in composer.ComposeAsync("When does this agreement expire?", AnswerStrategy.Passages, WholeContractInChunks(), 2, null, 0, CancellationToken.None))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count >= 2);
        Assert.True(updates[^1].IsFinal);
        Assert.All(updates.SkipLast(1), u => Assert.False(u.IsFinal));
        Assert.Contains("[1]", string.Concat(updates.SkipLast(1).Select(u => u.Delta)), StringComparison.Ordinal);
    }
}
