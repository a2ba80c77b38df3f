using System.Text.RegularExpressions;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>
/// Scores one answer to a question-set question. An answerable question is correct when the answer did not abstain,
/// every key phrase appears in the answer text, and at least one citation lies in the right document (when the
/// question names one) on a page that overlaps the question's pages (when it lists some). An unanswerable question
/// is correct when the answer abstained. Key phrases match on SQuAD-normalized tokens (case, punctuation and the
/// articles a/an/the ignored) as a contiguous run, after dropping a parenthesized number that restates the word
/// before it ("two (2) years" reads "two years"). Junk sentences (<see cref="JunkSentence"/>) are counted and make
/// the question fail, but do not change <c>correct</c>.
/// </summary>
public static partial class QuestionSetScorer
{
    /// <summary>Scores <paramref name="answer"/>; <paramref name="documents"/> holds the cited documents by id.</summary>
    public static QaQuestionResult Score(
        QuestionSetItem item,
        string collection,
        Answer answer,
        IReadOnlyDictionary<Guid, DocumentInfo> documents,
        int verbatimCitations,
        double tookMs,
        double? searchMs)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(documents);
        var gold = item.Answerable ? string.Join("; ", item.KeyPhrases) : string.Empty;
        var result = QaEvaluator.Score(item.Line, new LongDocQuestion(item.Question, gold), answer, verbatimCitations, tookMs);
        var text = answer.Abstained ? string.Empty : QaEvaluator.StripMarkers(answer.Text);
        var junk = answer.Abstained
            ? []
            : answer.Sentences.Select(s => (s.Text, Kind: JunkSentence.Classify(s.Text)))
                .Where(s => s.Kind != JunkKind.None).Select(s => $"{s.Kind}: {Spaces().Replace(s.Text.Trim(), " ")}").ToList();
        var cited = answer.Citations.Select(c => $"{Name(documents, c.DocumentId)} p. {Pages(c)}").Distinct(StringComparer.Ordinal).ToList();
        var reasons = new List<string>();
        List<string> missing = [];
        bool correct;
        bool onPage;
        if (item.Answerable)
        {
            missing = [.. item.KeyPhrases.Where(p => !ContainsPhrase(text, p))];
            var inDocument = answer.Citations.Where(c => item.Document is null || Matches(documents.GetValueOrDefault(c.DocumentId), item.Document)).ToList();
            onPage = inDocument.Any(c => item.Pages.Count == 0 || item.Pages.Any(p => p >= c.PageStart && p <= c.PageEnd));
            correct = !answer.Abstained && missing.Count == 0 && onPage;
            if (answer.Abstained)
            {
                reasons.Add("abstained on an answerable question");
            }
            else
            {
                if (missing.Count > 0)
                {
                    reasons.Add("missing phrases: " + string.Join(", ", missing.Select(p => $"\"{p}\"")));
                }

                if (!onPage)
                {
                    var where = item.Pages.Count == 0 ? string.Empty : " p. " + string.Join(",", item.Pages);
                    reasons.Add(inDocument.Count == 0 && item.Document is not null
                        ? $"wrong document: no citation in {item.Document} (cited: {(cited.Count == 0 ? "nothing" : string.Join("; ", cited))})"
                        : $"wrong page: no citation on{where} (cited: {(cited.Count == 0 ? "nothing" : string.Join("; ", cited))})");
                }
            }
        }
        else
        {
            onPage = false;
            correct = answer.Abstained;
            if (!correct)
            {
                reasons.Add($"did not abstain on an unanswerable question (relevance {answer.Relevance?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"})");
            }
        }

        if (junk.Count > 0)
        {
            reasons.Add($"junk: {string.Join(" | ", junk)}");
        }

        return result with
        {
            Correct = correct,
            Collection = collection,
            Answerable = item.Answerable,
            KeyPhrases = item.KeyPhrases,
            MissingPhrases = missing,
            CitationOnPage = item.Answerable ? onPage : null,
            Cited = cited,
            Junk = junk,
            SearchMs = searchMs is null ? null : Math.Round(searchMs.Value, 3),
            Reasons = reasons,
        };
    }

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="text"/> as a run of normalized tokens.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        var haystack = TokenF1.Tokens(RestatedNumber().Replace(text, string.Empty));
        var needle = TokenF1.Tokens(RestatedNumber().Replace(phrase, string.Empty));
        if (needle.Count == 0)
        {
            return true;
        }

        for (var i = 0; i + needle.Count <= haystack.Count; i++)
        {
            var j = 0;
            while (j < needle.Count && string.Equals(haystack[i + j], needle[j], StringComparison.Ordinal))
            {
                j++;
            }

            if (j == needle.Count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a document is the one <paramref name="name"/> names: its source file name (with or without extension)
    /// or its title, ignoring case; a name of 4 or more characters may also be part of the title ("S2ORC").
    /// </summary>
    public static bool Matches(DocumentInfo? document, string name)
    {
        if (document is null)
        {
            return false;
        }

        var file = Path.GetFileName(document.Source);
        return string.Equals(file, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileNameWithoutExtension(file), name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(document.Title, name, StringComparison.OrdinalIgnoreCase)
            || (name.Length >= 4 && document.Title.Contains(name, StringComparison.OrdinalIgnoreCase));
    }

    private static string Name(IReadOnlyDictionary<Guid, DocumentInfo> documents, Guid id) =>
        documents.TryGetValue(id, out var d) ? Path.GetFileName(d.Source) : id.ToString();

    private static string Pages(Citation c) => c.PageEnd != c.PageStart ? $"{c.PageStart}-{c.PageEnd}" : $"{c.PageStart}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<=\p{L})\s*\(\d+\)")]
    private static partial Regex RestatedNumber();
}
