using System.Collections.Frozen;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Finds the document a question names: by its full title, by a name-like word of the question (capitalized, all
/// caps or with digits: "Corio", "S2ORC", "LongEval") that only one document's title, file name or authors hold, or by
/// an acronym of its title ("NDA" for "Mutual Non-Disclosure Agreement"). A word several documents share names none.
/// </summary>
internal static class DocumentResolver
{
    private const int MinTitleChars = 4;

    // Words that describe a kind of document rather than name one.
    private static readonly FrozenSet<string> s_generic = new[]
    {
        "agreement", "contract", "paper", "article", "articles", "act", "code", "section", "title", "excerpt", "sample",
        "document", "report", "proposal", "rule", "order", "notice", "exhibit", "schedule", "amendment", "policy", "track",
        "overview", "united", "states", "state", "corpus", "guidelines", "evaluation", "company", "inc", "corp", "llc",
        "ltd", "license", "services", "service", "terms", "introduction", "study", "analysis", "new", "general",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_acronymSkip = new[] { "of", "the", "and", "for", "on", "in", "a", "an", "to" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The named document and the question terms (as <see cref="Terms.Tokenize"/> gives them) that named it.</summary>
    public static (Guid Id, IReadOnlyList<string> NameTerms)? Resolve(string question, IReadOnlyList<DocumentInfo> documents)
    {
        var byTitle = documents
            .Where(d => d.Title.Length >= MinTitleChars && question.Contains(d.Title, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => d.Title.Length)
            .FirstOrDefault();
        if (byTitle is not null)
        {
            return (byTitle.Id, Terms.Tokenize(byTitle.Title));
        }

        var words = NameLikeWords(question);
        if (words.Count == 0 || documents.Count < 2)
        {
            return null;
        }

        var names = documents.Select(d => (d.Id, Names: NamesOf(d))).ToList();
        var matches = new Dictionary<Guid, List<string>>();
        foreach (var word in words)
        {
            var lower = word.ToLowerInvariant();
            var holders = names.Where(n => n.Names.Words.Contains(lower) || (IsAcronym(word) && n.Names.Acronym.Contains(lower, StringComparison.Ordinal))).ToList();
            if (holders.Count == 1)
            {
                if (!matches.TryGetValue(holders[0].Id, out var list))
                {
                    matches[holders[0].Id] = list = [];
                }

                list.Add(word);
            }
        }

        var ranked = matches.OrderByDescending(m => m.Value.Count).ToList();
        if (ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Value.Count == ranked[0].Value.Count))
        {
            return null;
        }

        var document = documents.First(d => d.Id == ranked[0].Key);
        return (ranked[0].Key, NameRun(question, document, ranked[0].Value));
    }

    /// <summary>
    /// The question terms that name the document: each matched word with the title words next to it ("the Articles of
    /// Confederation", "the Corio agreement"), so "articles" and "agreement" are not taken as what the question asks.
    /// </summary>
    private static List<string> NameRun(string question, DocumentInfo document, List<string> matched)
    {
        var titleWords = Split(document.Title).Concat(Split(Path.GetFileNameWithoutExtension(document.Source)))
            .Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var words = Split(question);
        var inRun = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (!matched.Contains(words[i], StringComparer.Ordinal))
            {
                continue;
            }

            inRun[i] = true;
            for (var step = -1; step <= 1; step += 2)
            {
                for (var j = i + step; j >= 0 && j < words.Count; j += step)
                {
                    var lower = words[j].ToLowerInvariant();
                    if (!titleWords.Contains(lower) && !s_acronymSkip.Contains(lower))
                    {
                        break;
                    }

                    inRun[j] = true;
                }
            }
        }

        return [.. words.Where((_, i) => inRun[i]).SelectMany(Terms.Tokenize).Distinct(StringComparer.Ordinal)];
    }

    private static (HashSet<string> Words, string Acronym) NamesOf(DocumentInfo d)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var fileName = Path.GetFileNameWithoutExtension(d.Source);
        foreach (var w in Split(d.Title).Concat(Split(fileName)).Concat(d.Authors.SelectMany(Split)))
        {
            var lower = w.ToLowerInvariant();
            if (lower.Length >= 3 && !s_generic.Contains(lower) && !Terms.IsStopword(lower) && !lower.All(char.IsDigit))
            {
                words.Add(lower);
            }
        }

        var initials = string.Concat(d.Title.Split([' ', '-', '\u2010', '\u2011'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('(', ')', ',', ':', ';', '.'))
            .Where(w => w.Length > 0 && char.IsLetter(w[0]) && !s_acronymSkip.Contains(w))
            .Select(w => char.ToLowerInvariant(w[0])));
        return (words, initials);
    }


    /// <summary>Words that look like names: capitalized (not opening the question), all caps, or mixing letters and digits.</summary>
    private static List<string> NameLikeWords(string question)
    {
        var result = new List<string>();
        var first = true;
        foreach (var w in Split(question))
        {
            var isFirst = first;
            first = false;
            if (w.Length < 3 || Terms.IsStopword(w.ToLowerInvariant()) || s_generic.Contains(w.ToLowerInvariant()))
            {
                continue;
            }

            var capitalized = char.IsUpper(w[0]) && !isFirst;
            var mixed = w.Skip(1).Any(char.IsUpper) || (w.Any(char.IsDigit) && w.Any(char.IsLetter));
            if (capitalized || mixed)
            {
                result.Add(w);
            }
        }

        return result;
    }

    private static bool IsAcronym(string word) => word.Length >= 3 && word.All(char.IsUpper);

    /// <summary>The letter/digit runs of the text.</summary>
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var sep = i == text.Length || !char.IsLetterOrDigit(text[i]);
            if (!sep && start < 0)
            {
                start = i;
            }
            else if (sep && start >= 0)
            {
                parts.Add(text[start..i]);
                start = -1;
            }
        }

        return parts;
    }
}
