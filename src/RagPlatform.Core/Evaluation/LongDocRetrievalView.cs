using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation.Qa;

namespace RagPlatform.Core.Evaluation;

/// <summary>
/// A retrieval view of a long-document QA set (L-Eval's <c>input</c>/<c>instructions</c>/<c>outputs</c> records): every
/// document is cut into passages of <c>passageWords</c> words, a question is a query, and the passages that hold its
/// gold answer word for word are its relevant ones. Only questions whose gold answer (at least
/// <see cref="MinGoldWords"/> words) occurs in their document are kept, so yes/no and abstractive answers, which say
/// nothing about where the evidence is, are left out. The questions of such sets are written against one document
/// ("what is the renewal term?"), so a query and its document's passages carry the document's name: its first
/// <see cref="TitleWords"/> words, which in a contract are its heading.
/// </summary>
public static class LongDocRetrievalView
{
    /// <summary>Shortest gold answer, in words, that is taken as an evidence location.</summary>
    public const int MinGoldWords = 4;

    /// <summary>Words of a document's opening that name it.</summary>
    public const int TitleWords = 12;

    /// <summary>Builds the view of <paramref name="tasks"/> as a BEIR dataset named <paramref name="name"/> (split "test").</summary>
    public static BeirDataset Build(string name, IReadOnlyList<LongDocTask> tasks, int passageWords)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (passageWords < 16)
        {
            throw new InvalidRequestException($"Passages need at least 16 words; got {passageWords}.");
        }

        var corpus = new List<BeirDocument>();
        var queries = new List<BeirQuery>();
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var d = 0; d < tasks.Count; d++)
        {
            var words = tasks[d].Document.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            var title = string.Join(' ', words.Take(TitleWords));
            for (var start = 0; start < words.Length; start += passageWords)
            {
                corpus.Add(new BeirDocument(PassageId(d, start / passageWords), title, string.Join(' ', words, start, Math.Min(passageWords, words.Length - start))));
            }

            for (var q = 0; q < tasks[d].Questions.Count; q++)
            {
                var question = tasks[d].Questions[q];
                var gold = question.Gold.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (question.Options is not null || gold.Length < MinGoldWords)
                {
                    continue;
                }

                var relevant = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var at in Occurrences(words, gold))
                {
                    for (var p = at / passageWords; p <= (at + gold.Length - 1) / passageWords; p++)
                    {
                        relevant[PassageId(d, p)] = 1;
                    }
                }

                if (relevant.Count > 0)
                {
                    var id = $"d{d}-q{q}";
                    queries.Add(new BeirQuery(id, $"{title}: {question.Question}"));
                    qrels[id] = relevant;
                }
            }
        }

        return new BeirDataset(name, "test", corpus, queries, qrels);
    }

    private static string PassageId(int document, int passage) => $"d{document}-p{passage}";

    /// <summary>Word offsets where <paramref name="needle"/> occurs in <paramref name="words"/> (ordinal, word for word).</summary>
    private static IEnumerable<int> Occurrences(string[] words, string[] needle)
    {
        for (var i = 0; i + needle.Length <= words.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && string.Equals(words[i + j], needle[j], StringComparison.Ordinal))
            {
                j++;
            }

            if (j == needle.Length)
            {
                yield return i;
            }
        }
    }
}
