using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Util;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// English analysis that keeps legal tokens whole: section numbers ("2.3(b)"), dockets ("07-1315"), decimals,
/// dotted abbreviations ("U.S.C."). Letters-only tokens are lowercased, stop-filtered and Porter-stemmed; tokens
/// with digits or dots are kept verbatim (lowercased). CJK ideographs become one token each so identical text matches.
/// </summary>
internal sealed class LegalAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Alternatives are tried left to right at each position: abbreviations, numbers/sections, CJK, words.
    private static readonly Regex s_token = new(
        @"(?:\p{L}\.){2,}" +
        @"|\p{N}+(?:[.\-/:]\p{N}+)*(?:\([\p{L}\p{N}]{1,4}\))*(?![\p{L}\p{N}])" +
        @"|[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]" +
        @"|[\p{L}\p{M}\p{N}-[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]]+(?:['’][\p{L}]+)*",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    // Only plain words are stemmed; "u.s.c.", "2.3(b)", "07-1315" stay as written.
    private static readonly Regex s_keyword = new(@"[^\p{L}\p{M}]", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new PatternTokenizer(reader, s_token, 0);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PatternKeywordMarkerFilter(stream, s_keyword);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
