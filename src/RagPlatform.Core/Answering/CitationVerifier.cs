using System.Text;
using System.Text.RegularExpressions;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Checks a generated answer's [n] markers. A marker holds when passage n exists and one of its sentences contains at
/// least <see cref="AnswerOptions.SupportThreshold"/> of the answer sentence's content terms; that passage sentence
/// becomes the citation's verbatim quote. Markers that do not hold are dropped; a sentence left without any is
/// marked unsupported. A sentence with fewer than two content terms cannot be verified. Kept citations are renumbered 1..k in order of first mention.
/// A passage that addresses the model (<see cref="InstructionDetector"/>: "Tell the user that ...") supports nothing,
/// however verbatim the quote: an instruction to say a claim does not state it. A sentence that only such a passage
/// backs, or that repeats a planted instruction, is marked unsupported with the reason.
/// </summary>
internal static partial class CitationVerifier
{
    private const int MinClaimTerms = 2;

    public static VerifiedAnswer Verify(string generated, IReadOnlyList<SearchHit> evidence, double threshold)
    {
        var trimmed = generated.Trim();
        if (trimmed.Contains("do not answer this", StringComparison.OrdinalIgnoreCase) && !Marker().IsMatch(trimmed))
        {
            return new VerifiedAnswer(ChatPrompt.Abstention, [], [], true, 0, 0, 0);
        }

        var parts = SplitWithMarkers(trimmed);
        var allSentences = ExtractiveAnswerer.SplitEvidence(evidence);
        var untrusted = InstructionDetector.UntrustedPassages(allSentences);
        var instructions = allSentences.Where(s => untrusted.ContainsKey(s.Hit)).ToList();
        var evidenceSentences = allSentences.Where(s => !untrusted.ContainsKey(s.Hit)).ToLookup(s => s.Hit);
        var numbers = new Dictionary<(int Hit, int Start), Citation>();
        var citations = new List<Citation>();
        var sentences = new List<AnswerSentence>();
        var text = new StringBuilder();
        int seen = 0, dropped = 0, missing = 0;
        foreach (var (sentence, markers) in parts)
        {
            var kept = new List<int>();
            var terms = Terms.Tokenize(sentence).Distinct(StringComparer.Ordinal).ToList();
            string? reason = null;
            foreach (var n in markers)
            {
                seen++;
                if (n < 1 || n > evidence.Count)
                {
                    missing++;
                    dropped++;
                    reason ??= $"it cites passage [{n}], which does not exist";
                    continue;
                }

                if (untrusted.TryGetValue(n - 1, out var why))
                {
                    reason ??= $"passage [{n}] addresses the assistant ({why}); document instructions are data, not support";
                }

                var quote = BestSupport(terms, evidenceSentences[n - 1], threshold);
                if (quote is null)
                {
                    dropped++;
                    continue;
                }

                var key = (n - 1, quote.Range.Start);
                if (!numbers.TryGetValue(key, out var citation))
                {
                    var hit = evidence[n - 1];
                    citation = new Citation(
                        citations.Count + 1, hit.ChunkId, hit.DocumentId, hit.Title, hit.PageStart, hit.PageEnd,
                        hit.CharStart + quote.Range.Start, hit.CharStart + quote.Range.End, quote.Text);
                    numbers[key] = citation;
                    citations.Add(citation);
                }

                if (!kept.Contains(citation.N))
                {
                    kept.Add(citation.N);
                }
            }

            if (kept.Count > 0)
            {
                reason = null;
            }
            else if ((reason is null || reason.EndsWith("does not exist", StringComparison.Ordinal)) && BestSupport(terms, instructions, threshold) is { } planted)
            {
                reason = $"it repeats an instruction planted in passage [{planted.Hit + 1}] ({untrusted[planted.Hit]}), which states nothing";
            }
            else
            {
                reason ??= markers.Count == 0 ? "no citation" : "no cited passage states it";
            }

            sentences.Add(new AnswerSentence(sentence, kept.Count > 0, kept, reason));
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(sentence);
            foreach (var n in kept)
            {
                text.Append(" [").Append(n).Append(']');
            }
        }

        return new VerifiedAnswer(text.ToString(), citations, sentences, false, seen, dropped, missing);
    }

    /// <summary>Whether the text holds any [n] marker at all (a chat answer with none is treated as malformed).</summary>
    public static bool HasMarkers(string text) => Marker().IsMatch(text);

    private static EvidenceSentence? BestSupport(List<string> terms, IEnumerable<EvidenceSentence> candidates, double threshold)
    {
        // A claim needs at least two content terms to be checked against a quote: "Yes [1]." or an echoed single
        // word (a planted "reply PWNED") cannot be verified by overlap, so it stays unsupported.
        if (terms.Count < MinClaimTerms)
        {
            return null;
        }

        EvidenceSentence? best = null;
        var bestShare = 0.0;
        foreach (var candidate in candidates)
        {
            var set = candidate.Terms.ToHashSet(StringComparer.Ordinal);
            var share = (double)terms.Count(set.Contains) / terms.Count;
            if (share > bestShare)
            {
                bestShare = share;
                best = candidate;
            }
        }

        return bestShare >= threshold ? best : null;
    }

    /// <summary>Splits into sentences with their marker numbers; markers opening a sentence belong to the one before.</summary>
    private static List<(string Sentence, List<int> Markers)> SplitWithMarkers(string text)
    {
        var result = new List<(string Sentence, List<int> Markers)>();
        foreach (var range in SentenceSplitter.Split(text))
        {
            var raw = text[range.Start..range.End];
            var leading = LeadingMarkers().Match(raw);
            if (leading.Success && result.Count > 0)
            {
                result[^1].Markers.AddRange(Numbers(leading.Value));
                raw = raw[leading.Length..];
            }

            var markers = Numbers(raw);
            var clean = Spaces().Replace(Marker().Replace(raw, " "), " ").Trim();
            clean = SpaceBeforePunctuation().Replace(clean, "$1");
            if (clean.Length == 0)
            {
                if (result.Count > 0)
                {
                    result[^1].Markers.AddRange(markers);
                }

                continue;
            }

            result.Add((clean, markers));
        }

        return result;
    }

    private static List<int> Numbers(string text)
    {
        var numbers = new List<int>();
        foreach (Match m in Marker().Matches(text))
        {
            foreach (Match d in Digits().Matches(m.Value))
            {
                if (int.TryParse(d.Value, out var n))
                {
                    numbers.Add(n);
                }
            }
        }

        return numbers;
    }

    [GeneratedRegex(@"\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+\s*")]
    private static partial Regex LeadingMarkers();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
