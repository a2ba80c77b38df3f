using RagPlatform.Core.Answering;

namespace RagPlatform.Tests.Answering;

/// <summary>The junk-sentence rule on lines taken from the sample corpus (samples/).</summary>
public sealed class JunkSentenceTests
{
    [Theory]
    // S2ORC (2020.acl-main.447.pdf) and AILA overview: bibliography entries.
    [InlineData("Kimitaka Asatani, Junichiro Mori, Masanao Ochi, and Ichiro Sakata. 2018. Detecting trends in academic research from a citation network using network representation learning. In PloS one.", JunkKind.Reference)]
    [InlineData("Awais Athar and Simone Teufel. 2012. Contextenhanced citation sentiment detection. In Proceedings of the 2012 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, pages 597–601, Montréal, Canada.", JunkKind.Reference)]
    [InlineData("1. Bhattacharya, P., Hiware, K., Rajgaria, S., Pochhi, N., Ghosh, K., Ghosh, S.: A Comparative Study of Summarization Algorithms Applied to Legal Case Judgments.", JunkKind.Reference)]
    [InlineData("[12] Gao, J., Ning, H., Sun, H.: Legal retrieval based on information retrieval model.", JunkKind.Reference)]
    [InlineData("Kyle Lo, Tyler Murray and Oren Etzioni. 2018. Construction of the literature graph in semantic scholar.", JunkKind.Reference)]
    // Author and affiliation lines from the first pages.
    [InlineData("Paheli Bhattacharya1 , Kripabandhu Ghosh2 , Saptarshi Ghosh1 , Arindam Pal3 ,", JunkKind.AuthorLine)]
    [InlineData("Parth Mehta4 , Arnab Bhattacharya5 , and Prasenjit Majumder4", JunkKind.AuthorLine)]
    [InlineData("Paul G. Allen School of Computer Science & Engineering, University of Washington", JunkKind.AuthorLine)]
    [InlineData("Tata Research Development and Design Centre (TRDDC), Pune", JunkKind.Heading)]
    [InlineData("{kylel, lucyw}@allenai.org", JunkKind.AuthorLine)]
    [InlineData("Contact us at kylel@allenai.org for the corpus.", JunkKind.AuthorLine)]
    // Headings: the NDA's articles, the US Code section title, the court caption.
    [InlineData("Article 3 Term and Termination", JunkKind.Heading)]
    [InlineData("S2ORC: The Semantic Scholar Open Research Corpus", JunkKind.Heading)]
    [InlineData("§ 107. Limitations on exclusive rights: Fair use", JunkKind.Heading)]
    [InlineData("IN THE SUPREME COURT OF THE UNITED STATES", JunkKind.Heading)]
    [InlineData("Overview of the FIRE 2019 AILA Track: Artificial Intelligence for Legal Assistance", JunkKind.Heading)]
    // Fragments.
    [InlineData("Historical note", JunkKind.Fragment)]
    [InlineData("Full faith and credit", JunkKind.Heading)]
    [InlineData("Petitioner", JunkKind.Fragment)]
    [InlineData("v. No. 07-1315 [2]", JunkKind.Fragment)]
    public void Junk_lines_are_classified(string line, JunkKind expected) => Assert.Equal(expected, JunkSentence.Classify(line));

    [Theory]
    [InlineData("3.1 This Agreement remains in force for two (2) years from the Effective Date. [1]")]
    [InlineData("Either party may terminate this Agreement upon thirty (30) days written notice.")]
    [InlineData("the purpose and character of the use, including whether such use is of a commercial nature or is for nonprofit educational purposes;")]
    [InlineData("All legislative Powers herein granted shall be vested in a Congress of the United States, which shall consist of a Senate and House of Representatives.")]
    [InlineData("We introduce S2ORC, a large corpus of 81.1M English-language academic papers spanning many academic disciplines.")]
    [InlineData("The FIRE 2019 AILA track focused on creating a framework for evaluating different methods of retrieving relevant prior/precedent cases and statutes given a factual scenario.")]
    [InlineData("To establish Post Offices and post Roads;")]
    [InlineData("Lo et al. (2020) introduce S2ORC, a corpus of 81.1M English-language academic papers.")]
    [InlineData("See Wang et al. (2020) for details.")]
    [InlineData("The Stile of this Confederacy shall be \"The United States of America\".")]
    public void Answer_sentences_are_not_junk(string sentence)
    {
        Assert.Equal(JunkKind.None, JunkSentence.Classify(sentence));
        Assert.False(JunkSentence.IsJunk(sentence));
    }
}
