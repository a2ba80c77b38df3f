namespace RagPlatform.Ingestion.Normalization;

/// <summary>
/// Decides, from the document's own words, whether a hyphen at a line end is a break ("intro-" "duce") or belongs to
/// a compound ("machine-" "readable"): the joined word when the document uses it, the hyphen when both halves are
/// words the document uses on their own and the joined form is not, the joined word otherwise.
/// </summary>
internal sealed class HyphenPolicy
{
    private readonly HashSet<string> _words;

    private HyphenPolicy(HashSet<string> words) => _words = words;

    /// <summary>The vocabulary of <paramref name="texts"/>, leaving out the halves of words broken at line ends.</summary>
    public static HyphenPolicy From(IEnumerable<string> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var i = 0;
            var afterBreak = false;
            while (i < text.Length)
            {
                if (!char.IsLetter(text[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                var broken = i + 1 < text.Length && text[i] == '-' && text[i + 1] is '\n' or '\r';
                if (!broken && !afterBreak && i - start >= 2)
                {
                    words.Add(text[start..i].ToLowerInvariant());
                }

                afterBreak = broken;
            }
        }

        return new HyphenPolicy(words);
    }

    /// <summary>True to keep the hyphen between <paramref name="left"/> and <paramref name="right"/> (letters only).</summary>
    public bool KeepHyphen(string left, string right)
    {
        var (l, r) = (left.ToLowerInvariant(), right.ToLowerInvariant());
        if (_words.Contains(l + r))
        {
            return false;
        }

        return l.Length >= 2 && r.Length >= 2 && _words.Contains(l) && _words.Contains(r);
    }
}
