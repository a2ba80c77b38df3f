using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;

namespace RagPlatform.Tests.Answering;

public sealed class AnswerFocusTests
{
    private static readonly string s_feature = RagPlatform.Core.Text.Terms.Tokenize("features")[0];

    [Theory]
    [InlineData("What civil penalty applies to operating a Boeing 737 MAX without complying with the airworthiness directive?", "penalty")]
    [InlineData("How much grant funding did the CiteSee project receive?", "fund")]
    [InlineData("How many participants took part in the CiteSee lab study?", "participant")]
    [InlineData("What is the statute of limitations for copyright claims?", "statut")]
    [InlineData("What are the two tasks of the FIRE 2019 AILA track?", "task")]
    public void The_thing_a_question_asks_about_is_its_head_noun(string question, string thing) =>
        Assert.Equal(thing, QuestionFocus.AskedThing(question, QuestionForm.Of(question).Kind));

    [Theory]
    [InlineData("What is the name of the confederacy under the Articles of Confederation?")]
    [InlineData("What does the FAA propose in the Boeing 737 MAX airworthiness directive?")]
    [InlineData("Which organization writes the civil rights lawsuit summaries that Multi-LexSum is drawn from?")]
    [InlineData("How long is the term of a Senator?")]
    public void Shape_words_names_and_verbs_are_not_the_thing_asked(string question) =>
        Assert.Null(QuestionFocus.AskedThing(question, QuestionForm.Of(question).Kind));

    [Fact]
    public void Duration_words_only_name_the_answer_shape()
    {
        var form = QuestionForm.Of("How long is the term of a Senator?");
        var shape = QuestionFocus.FormTerms("How long is the term of a Senator?", form.Kind);
        Assert.Contains("long", shape);
        Assert.Contains("term", shape);
        Assert.DoesNotContain("senator", shape);
    }

    [Fact]
    public void A_list_question_prefers_the_sentence_that_counts_the_items()
    {
        Assert.True(QuestionFocus.AsksForList("What features does Paper Plain offer to readers of medical papers?"));
        Assert.False(QuestionFocus.AsksForList("What civil penalty applies to operating a Boeing 737 MAX?"));
        // Paper Plain's abstract (arXiv 2203.00130).
        Assert.True(QuestionFocus.CountsOut("To improve access to medical papers, we introduce a novel interactive interface—Paper Plain —with four features powered by natural language processing: definitions of unfamiliar terms, in-situ plain language section summaries, a collection of key questions that guide readers to answering passages, and plain language summaries of the answering passages.", s_feature));
        Assert.False(QuestionFocus.CountsOut("These findings support the insight of this paper that novel guidance-offering features are important for supporting readers in approaching medical research papers.", s_feature));
    }

    [Fact]
    public void A_named_document_takes_the_whole_title_run_of_the_question()
    {
        DocumentInfo Doc(string title, string source) =>
            new(Guid.NewGuid(), "c", title, source, "h", DocumentState.Indexed, 1, 1, 1, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var articles = Doc("Articles of Confederation (excerpt)", "/s/articles-of-confederation.md");
        var declaration = Doc("Declaration of Independence", "/s/declaration.md");
        var resolved = DocumentResolver.Resolve("What is the name of the confederacy under the Articles of Confederation?", [articles, declaration]);
        Assert.Equal(articles.Id, resolved?.Id);
        Assert.Contains("articl", resolved!.Value.NameTerms);
        Assert.DoesNotContain("confederacy", resolved.Value.NameTerms);
    }

    [Fact]
    public void An_unlabelled_abstract_after_an_affiliation_block_is_the_summary()
    {
        // The opening of Paper Plain (arXiv 2203.00130), whose abstract has no heading.
        const string text = "Paper Plain: Making Medical Research Papers Approachable to Healthcare\nConsumers with Natural Language Processing\n\n" +
            "TAL AUGUST, University of Washington, USA\n\n" +
            "When seeking information not covered in patient-friendly documents, like medical pamphlets, healthcare consumers may turn to\nthe research literature. " +
            "Reading medical papers, however, can be a challenging experience. To improve access to medical papers, we\nintroduce a novel interactive interface—Paper Plain —with four features powered by natural language processing: definitions of\n" +
            "unfamiliar terms, in-situ plain language section summaries, a collection of key questions that guide readers to answering passages,\nand plain language summaries of the answering passages. " +
            "We evaluate Paper Plain, finding that participants who use Paper Plain\nhave an easier time reading and understanding research papers.\n\n" +
            "1 INTRODUCTION\n\nA strong public health system depends on the timely dissemination of medical findings.";
        var intro = text.IndexOf("1 INTRODUCTION", StringComparison.Ordinal);
        var info = new DocumentInfo(Guid.NewGuid(), "c", "Paper Plain", "p.pdf", "h", DocumentState.Indexed, 1, 1, 1, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var profile = DocumentProfile.From(new RagPlatform.Core.Storage.StoredDocument(info, text, [new PageSpan(1, 0, text.Length)], [new Section("INTRODUCTION", "1", 1, intro, text.Length, "1 INTRODUCTION")]));
        Assert.NotNull(profile.Summary);
        Assert.StartsWith("When seeking information", text[profile.Summary.Value.Start..profile.Summary.Value.End], StringComparison.Ordinal);
        Assert.True(profile.FrontMatterEnd <= profile.Summary.Value.Start && profile.FrontMatterEnd > 0);
    }
}
