using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Util;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// English analysis that keeps legal and scientific tokens whole: section numbers ("2.3(b)", "1.1"), dockets
/// ("07-1315"), decimals ("0.05"), the section sign, and dotted abbreviations ("U.S.C." becomes "usc"). Ordinary
/// words are lowercased, possessives dropped, stop words removed and Porter-stemmed; legal tokens are never stemmed.
/// CJK characters become one token each so identical text still matches.
/// </summary>
public sealed partial class LegalAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new PatternTokenizer(reader, TokenPattern(), 0);
        TokenStream stream = new LegalTokenFilter(tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new EnglishPossessiveFilter(Version, stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    // Order matters: the first alternative that matches at a position wins.
    [GeneratedRegex(
        @"§+" +
        @"|\d+(?:[.\-/]\d+)*(?:\([A-Za-z0-9]{1,4}\))*(?![\p{L}\p{N}])" +
        @"|\p{L}(?:\.\p{L})+\.?" +
        @"|[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}\p{IsHangulSyllables}]" +
        @"|[\p{L}\p{N}\p{Mn}]+(?:['’][\p{L}]+)*",
        RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
