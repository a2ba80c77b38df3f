using System.Text.RegularExpressions;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Widens a chosen sentence to what it needs to be read: a sentence that introduces a list ("shall include—",
/// "the following:", "as follows") brings its items, and one that opens by pointing back ("This", "Such", "These")
/// brings the sentence it points to. The widened quote is still one verbatim span of the passage.
/// </summary>
internal static partial class SpanExtender
{
    private const int MaxListChars = 1600;

    /// <summary>The sentence's range in <paramref name="passage"/>, widened as needed.</summary>
    public static TextRange Extend(string passage, TextRange range, IReadOnlyList<TextRange> sentences)
    {
        range = Continued(passage, range, sentences);
        var end = IntroducesList(passage[range.Start..range.End]) ? ListEnd(passage, range, sentences) : range.End;
        var start = range.Start;
        if (PointsBack().IsMatch(passage[range.Start..range.End]))
        {
            var previous = sentences.LastOrDefault(s => s.End <= range.Start);
            if (previous.Length > 0 && SentenceRoles.WordCount(passage[previous.Start..previous.End]) >= 4
                && EndsStatement(passage[previous.Start..previous.End]))
            {
                start = previous.Start;
            }
        }

        return new TextRange(start, end);
    }

    /// <summary>
    /// A sentence the splitter ended at a line or page break it does not close ("we proposed two tasks in the FIRE
    /// 2019" / "track on ...") joins the lower-case text that continues it, as far as the sentence's real end.
    /// </summary>
    private static TextRange Continued(string passage, TextRange range, IReadOnlyList<TextRange> sentences)
    {
        var end = range.End;
        foreach (var next in sentences.Where(s => s.Start >= range.End))
        {
            var before = passage[range.Start..end].TrimEnd();
            var text = passage[next.Start..next.End];
            if (before.Length == 0 || !char.IsLetterOrDigit(before[^1]) || text.Length == 0 || !char.IsLower(text[0])
                || next.End - range.Start > MaxListChars)
            {
                break;
            }

            end = next.End;
        }

        return new TextRange(range.Start, end);
    }

    /// <summary>Whether the sentence ends by announcing a list.</summary>
    public static bool IntroducesList(string sentence) => LeadIn().IsMatch(sentence.TrimEnd());

    private static int ListEnd(string passage, TextRange range, IReadOnlyList<TextRange> sentences)
    {
        var end = range.End;
        var previousText = passage[range.Start..range.End];
        foreach (var next in sentences.Where(s => s.Start >= range.End))
        {
            var item = passage[next.Start..next.End];
            var continues = Enumerator().IsMatch(item) || OpenItem().IsMatch(previousText.TrimEnd()) || IntroducesList(previousText);
            if (!continues || next.End - range.Start > MaxListChars)
            {
                break;
            }

            end = next.End;
            previousText = item;
            if (!OpenItem().IsMatch(item.TrimEnd()))
            {
                break; // the item that closes the list ends with a period
            }
        }

        return end;
    }

    private static bool EndsStatement(string s) => s.TrimEnd() is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or ':';

    [GeneratedRegex(@"([:\u2014\u2013]|\s-|\b(the\s+following|as\s+follows|include|includes|including|namely))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadIn();

    // An item that leaves the list open: ends with ";", "; and", "; or", ",", ":".
    [GeneratedRegex(@"([;,:]|;\s*(and|or)|\b(and|or))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OpenItem();

    [GeneratedRegex(@"^\s*(\(?(\d{1,2}|[a-z]|[ivxlc]{1,5})[.)]|[\u2022\u00b7\u25aa*\u2013-])\s", RegexOptions.IgnoreCase)]
    private static partial Regex Enumerator();

    [GeneratedRegex(@"^\s*(this|these|those|such|it|they|the\s+foregoing|the\s+above|thereafter|accordingly)\b(?!\s+(agreement|contract|paper|section|article|act|title|chapter)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PointsBack();
}
