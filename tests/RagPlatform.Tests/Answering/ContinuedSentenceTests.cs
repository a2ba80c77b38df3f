using RagPlatform.Core.Answering;
using RagPlatform.Core.Text;

namespace RagPlatform.Tests.Answering;

/// <summary>A sentence cut at a page break it does not close is quoted to its real end (samples/AILA_2019_Overview_Paper.pdf, pp. 1-2).</summary>
public sealed class ContinuedSentenceTests
{
    private const string Aila =
        "Motivated by the above scenario, we proposed two tasks in the FIRE 2019\n\n" +
        "track on \u2018Artificial Intelligence for Legal Assistance\u2019 (AILA): (1) Identifying relevant prior cases for a given situation (Precedent Retrieval), and (2) Identifying " +
        "most relevant statutes for a given situation (Statute Retrieval). These tasks are described below.";

    [Fact]
    public void A_sentence_cut_at_a_break_joins_its_lower_case_continuation()
    {
        var sentences = SentenceSplitter.Split(Aila);
        var first = sentences[0];
        var extended = SpanExtender.Extend(Aila, first, sentences);
        var quote = Aila[extended.Start..extended.End];
        Assert.EndsWith("(Statute Retrieval).", quote, StringComparison.Ordinal);
        Assert.Contains("(Precedent Retrieval)", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("described below", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_sentence_is_not_joined_to_the_next()
    {
        const string text = "These tasks are described below.\n\nthe participants are given a set of 50 queries.";
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(sentences[0], SpanExtender.Extend(text, sentences[0], sentences));
    }
}
