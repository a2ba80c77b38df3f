using System.Globalization;
using System.Text;

namespace RagPlatform.Core.Evaluation;

/// <summary>
/// Counts the words of a decoded text that are neither in a word list nor anywhere in a reference decoding of the same
/// file (pdftotext's): glued words ("accessstatus"), split words ("compre hension") and broken diacritics ("Farber¨")
/// are such words; a real word that one engine reads and the other does not is not. Words are runs of letters (with
/// their combining marks), compared lower-cased and composed (NFC).
/// </summary>
public static class WordQuality
{
    /// <summary>The words of <paramref name="text"/> in order, lower-cased and composed.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetter(c) || (word.Length > 0 && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>The set of a text's words, to serve as a reference or a word list.</summary>
    public static HashSet<string> Vocabulary(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            set.UnionWith(Words(text));
        }

        return set;
    }

    /// <summary>Words of <paramref name="decoded"/> and those found neither in <paramref name="dictionary"/> nor in <paramref name="reference"/>.</summary>
    public static WordQualityCount Count(string decoded, IReadOnlySet<string> reference, IReadOnlySet<string> dictionary, int samples = 20)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(dictionary);
        var (words, bad) = (0, 0);
        var examples = new List<string>();
        foreach (var word in Words(decoded))
        {
            words++;
            if (dictionary.Contains(word) || reference.Contains(word))
            {
                continue;
            }

            bad++;
            if (examples.Count < samples && !examples.Contains(word))
            {
                examples.Add(word);
            }
        }

        return new WordQualityCount(words, bad, examples);
    }
}

/// <summary>A decoded text's word count, the words found in neither the word list nor the reference, and examples.</summary>
public sealed record WordQualityCount(int Words, int Unknown, IReadOnlyList<string> Examples)
{
    /// <summary>Unknown words per 1,000 words.</summary>
    public double PerThousand => Words == 0 ? 0 : Math.Round(1000.0 * Unknown / Words, 2);
}
