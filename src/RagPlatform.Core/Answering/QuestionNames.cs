using System.Text.RegularExpressions;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The names a question uses (a capitalized word after its first, or a figure of three digits or more: "Air France
/// Flight 447") that no evidence passage mentions. Two or more such names mean the evidence is about something else,
/// however well its other words match ("How many fatalities did the Air France Flight 447 accident cause?" over a
/// directive about the Lion Air and Ethiopian Airlines accidents): the answerer abstains.
/// </summary>
internal static partial class QuestionNames
{
    /// <summary>How many missing names make the evidence answer another question.</summary>
    public const int MissingToAbstain = 2;

    /// <summary>The question's names (as written) whose terms occur in no evidence sentence; document names excluded.</summary>
    public static List<string> Missing(string question, IEnumerable<IReadOnlyList<string>> evidenceTerms, IReadOnlySet<string> documentNames)
    {
        var words = Word().Matches(question).Select(m => m.Value).ToList();
        var names = new List<(string Word, List<string> Terms)>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            var isName = char.IsUpper(word[0]) || (word.Length >= 3 && word.All(char.IsAsciiDigit));
            var terms = isName ? Terms.Tokenize(word) : [];
            if (terms.Count > 0 && !terms.Any(documentNames.Contains))
            {
                names.Add((word, terms));
            }
        }

        if (names.Count == 0)
        {
            return [];
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var terms in evidenceTerms)
        {
            present.UnionWith(terms);
        }

        return [.. names.Where(n => !n.Terms.Any(present.Contains)).Select(n => n.Word).Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}][\p{L}\p{Nd}'-]*")]
    private static partial Regex Word();
}
