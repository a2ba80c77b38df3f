using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Text;

namespace RagPlatform.Tests.Answering;

public sealed class ComposerRuleTests
{
    // 17 U.S.C. § 107 as samples/17-usc-106-107.md has it.
    private const string FairUse =
        "In determining whether the use made of a work in any particular case is a fair use the factors to be considered shall include\u2014\n\n" +
        "1. the purpose and character of the use, including whether such use is of a commercial nature or is for nonprofit educational purposes;\n\n" +
        "2. the nature of the copyrighted work;\n\n" +
        "3. the amount and substantiality of the portion used in relation to the copyrighted work as a whole; and\n\n" +
        "4. the effect of the use upon the potential market for or value of the copyrighted work.\n\n" +
        "The fact that a work is unpublished shall not itself bar a finding of fair use if such finding is made upon consideration of all the above factors.";

    [Fact]
    public void Splitter_keeps_legal_citations_and_enumerations_whole()
    {
        const string text = "Suits under 22 U.S.C. § 1983 follow Art. 5(2) of the Act. See Pub. L. 94\u2013553, Oct. 19, 1976, 90 Stat. 2546. Rates rose 1.5 percent.";
        var sentences = SentenceSplitter.Split(text).Select(r => text[r.Start..r.End]).ToList();
        Assert.Equal(
            ["Suits under 22 U.S.C. § 1983 follow Art. 5(2) of the Act.", "See Pub. L. 94\u2013553, Oct. 19, 1976, 90 Stat. 2546.", "Rates rose 1.5 percent."],
            sentences);
    }

    [Fact]
    public void Splitter_gives_absolute_ranges_inside_a_window()
    {
        const string text = "Heading\n\nFirst one. Second one.";
        var ranges = SentenceSplitter.Split(text, 9, text.Length);
        Assert.Equal(["First one.", "Second one."], ranges.Select(r => text[r.Start..r.End]));
    }

    [Fact]
    public void A_list_lead_in_brings_its_items_and_stops_at_the_last()
    {
        var sentences = SentenceSplitter.Split(FairUse);
        var extended = SpanExtender.Extend(FairUse, sentences[0], sentences);
        var quote = FairUse[extended.Start..extended.End];
        Assert.StartsWith("In determining", quote, StringComparison.Ordinal);
        Assert.EndsWith("value of the copyrighted work.", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("unpublished", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_sentence_is_not_widened()
    {
        var sentences = SentenceSplitter.Split(FairUse);
        Assert.Equal(sentences[^1], SpanExtender.Extend(FairUse, sentences[^1], sentences));
    }

    [Theory]
    [InlineData("How long does the NDA remain in force?", "Duration")]
    [InlineData("When was the Declaration adopted?", "When")]
    [InlineData("Who argued for the petitioner in Knowles v. Mirzayance?", "Who")]
    [InlineData("How many papers does S2ORC contain?", "Quantity")]
    [InlineData("What does Confidential Information mean?", "Definition")]
    [InlineData("Can a party terminate the agreement early?", "YesNo")]
    [InlineData("Why do the authors align summary units?", "Reason")]
    public void Question_kinds_are_read_from_the_wording(string question, string kind) =>
        Assert.Equal(kind, QuestionForm.Of(question).Kind.ToString());

    [Fact]
    public void Answer_shapes_fit_the_kind()
    {
        var duration = QuestionForm.Of("How long does the NDA remain in force?");
        Assert.True(duration.Fits("3.1 This Agreement remains in force for two (2) years from the Effective Date."));
        Assert.False(duration.Fits("2.1 The receiving party shall use Confidential Information only to evaluate the proposed business relationship."));
        Assert.Contains("age", QuestionForm.Of("How old must a Representative be?").ImpliedTerms);
    }

    [Theory]
    [InlineData("Figure 2: Distribution of papers by field of study.", "caption")]
    [InlineData("Lo, K., Wang, L. L., and Neumann, M. 2020. S2ORC: The semantic scholar open research corpus. In Proceedings of ACL.", "reference-list entry")]
    [InlineData("12 The S2ORC data format is described at https:// github.com/allenai/s2orc", "footnote")]
    [InlineData("Relationship of the Parties", "heading")]
    [InlineData("† Allen Institute for Artificial Intelligence", "affiliation")]
    [InlineData("Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics, pages 4969–4983", "running header")]
    public void Non_statements_are_not_quotable(string sentence, string reason) =>
        Assert.Equal(reason, SentenceRoles.NonAnswerReason(sentence, 0, null, QuestionForm.Of("What is the corpus?")));

    [Fact]
    public void Statements_are_quotable_and_people_questions_let_affiliations_through()
    {
        Assert.Null(SentenceRoles.NonAnswerReason("3.1 This Agreement remains in force for two (2) years from the Effective Date.", 0, null, QuestionForm.Of("How long?")));
        Assert.Null(SentenceRoles.NonAnswerReason("Kyle Lo works at the Allen Institute for Artificial Intelligence, Seattle.", 0, null, QuestionForm.Of("What is the authors' affiliation?")));
        Assert.Equal("affiliation", SentenceRoles.NonAnswerReason("Kyle Lo works at the Allen Institute for Artificial Intelligence, Seattle", 0, null, QuestionForm.Of("What is the corpus?")));
    }

    [Fact]
    public void The_title_block_before_an_abstract_and_the_reference_list_are_not_quotable()
    {
        const string text = "S2ORC: The Semantic Scholar Open Research Corpus\n\nKyle Lo and Lucy Lu Wang wrote this at the Allen Institute.\n\nAbstract\n\nWe introduce S2ORC, a large corpus of papers.\n\nReferences\n\nA cited work appears here as a sentence.";
        var abstractAt = text.IndexOf("Abstract", StringComparison.Ordinal);
        var referencesAt = text.IndexOf("References", StringComparison.Ordinal);
        var info = new DocumentInfo(Guid.NewGuid(), "c", "S2ORC: The Semantic Scholar Open Research Corpus", "s2orc.pdf", "h", DocumentState.Indexed, 1, 1, 1, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
        {
            Authors = ["Kyle Lo", "Lucy Lu Wang"],
        };
        Section[] sections = [new("Abstract", null, 1, abstractAt, referencesAt, "Abstract"), new("References", null, 1, referencesAt, text.Length, "References")];
        var profile = DocumentProfile.From(new RagPlatform.Core.Storage.StoredDocument(info, text, [new PageSpan(1, 0, text.Length)], sections));
        var form = QuestionForm.Of("What is the corpus?");
        Assert.Equal("title block", SentenceRoles.NonAnswerReason("Kyle Lo and Lucy Lu Wang wrote this at the Allen Institute.", text.IndexOf("Kyle", StringComparison.Ordinal), profile, form));
        Assert.Equal("reference-list entry", SentenceRoles.NonAnswerReason("A cited work appears here as a sentence.", text.IndexOf("A cited", StringComparison.Ordinal), profile, form));
        Assert.Null(SentenceRoles.NonAnswerReason("We introduce S2ORC, a large corpus of papers.", text.IndexOf("We introduce", StringComparison.Ordinal), profile, form));
        Assert.Equal("We introduce S2ORC, a large corpus of papers.", text[profile.Summary!.Value.Start..profile.Summary.Value.End].Trim());
    }

    [Fact]
    public void A_document_is_named_by_a_distinctive_word_or_an_acronym_of_its_title()
    {
        DocumentInfo Doc(string title, string source) =>
            new(Guid.NewGuid(), "c", title, source, "h", DocumentState.Indexed, 1, 1, 1, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var nda = Doc("Mutual Non-Disclosure Agreement (Sample)", "/s/sample-nda.docx");
        var corio = Doc("CORIO INC. LICENSE AND HOSTING AGREEMENT", "/s/corio.txt");
        var s2orc = Doc("S2ORC: The Semantic Scholar Open Research Corpus", "/s/2020.acl-main.447.pdf");
        DocumentInfo[] all = [nda, corio, s2orc];
        Assert.Equal(nda.Id, DocumentResolver.Resolve("How long does the NDA remain in force?", all)?.Id);
        Assert.Equal(corio.Id, DocumentResolver.Resolve("What is the term in the Corio agreement?", all)?.Id);
        Assert.Equal(s2orc.Id, DocumentResolver.Resolve("How many papers does S2ORC contain?", all)?.Id);
        Assert.Null(DocumentResolver.Resolve("Which agreement has a license?", all));
    }
}
