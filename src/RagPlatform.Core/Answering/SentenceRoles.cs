using System.Text.RegularExpressions;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Tells statements from the text around them that states nothing: headings, the title block (title, authors,
/// affiliations, venue lines), reference-list entries, figure and table captions, footnote links. The document's own
/// structure decides first (section heading lines, the front matter before the abstract, the reference section);
/// shape rules cover passages without it. A question that asks for the people or the references lets those through.
/// </summary>
internal static partial class SentenceRoles
{
    private const int HeadingMaxWords = 10;
    private const int AffiliationMaxWords = 25;

    /// <summary>Why the sentence is no answer, or null when it is a statement that may be quoted.</summary>
    /// <param name="sentence">The sentence text.</param>
    /// <param name="start">Its start, in document offsets.</param>
    /// <param name="profile">The document's structure, when known.</param>
    /// <param name="form">The question's form.</param>
    public static string? NonAnswerReason(string sentence, int start, DocumentProfile? profile, QuestionForm form)
    {
        var text = sentence.Trim();
        if (profile is not null)
        {
            if (profile.HeadingAt(start) is { } heading && start + text.Length <= heading.End + 1)
            {
                return "heading";
            }

            if (profile.InReferences(start) && !form.AsksForReferences)
            {
                return "reference-list entry";
            }

            if (start < profile.FrontMatterEnd && !form.AsksForPeople)
            {
                return "title block";
            }

            if (IsTitle(text, profile.Title))
            {
                return "title";
            }

            if (!form.AsksForPeople && profile.Authors.Count(a => Surname(a) is { Length: > 1 } s && text.Contains(s, StringComparison.Ordinal)) >= 2)
            {
                return "author line";
            }
        }

        return s_shapes.Get((text, form.AsksForReferences, form.AsksForPeople));
    }

    // The shape rules depend on the text and two traits of the question only; evidence repeats across questions.
    private static readonly BoundedMemo<(string Text, bool AsksForReferences, bool AsksForPeople), string?> s_shapes =
        new(16_384, k => ShapeReason(k.Text, k.AsksForReferences, k.AsksForPeople));

    /// <summary>Why the sentence is no answer to any question, by its shape alone (no document structure), or null.</summary>
    public static string? ShapeReasonFor(string text) => s_shapes.Get((text, true, true));

    /// <summary>The rules that read the sentence's shape alone (no document structure).</summary>
    private static string? ShapeReason(string text, bool asksForReferences, bool asksForPeople)
    {
        if (Caption().IsMatch(text))
        {
            return "caption";
        }

        if (!asksForReferences && ReferenceEntry().IsMatch(text))
        {
            return "reference-list entry";
        }

        if (Banner().IsMatch(text))
        {
            return "running header";
        }

        if (FootnoteLink().IsMatch(text))
        {
            return "footnote";
        }

        var words = WordCount(text);
        if (!asksForPeople && (Email().IsMatch(text) || (Affiliation().IsMatch(text) && words <= AffiliationMaxWords && !EndsStatement(text))))
        {
            return "affiliation";
        }

        return words < HeadingMaxWords && text.Length > 0 && char.IsLetterOrDigit(text[^1]) ? "heading" : null;
    }

    internal static int WordCount(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return words;
    }

    private static bool EndsStatement(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or ';' or ':';

    private static bool IsTitle(string text, string title)
    {
        if (title.Length < 4)
        {
            return false;
        }

        var a = Squash(text);
        var b = Squash(title);
        return a.Length > 0 && (a == b || (b.Contains(a, StringComparison.Ordinal) && a.Length * 2 >= b.Length));
    }

    private static string Squash(string s) => new([.. s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string? Surname(string author)
    {
        var parts = author.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : parts[^1];
    }

    [GeneratedRegex(@"^(figure|fig\.|table|tab\.|algorithm|listing|chart|exhibit)\s*[\dIVX]+[a-z]?\s*[:.|]", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    // "Lo, K., Wang, L. L. ... 2020. Title. In Proceedings of ...", "[12] A. Author. Title. arXiv preprint ..."
    [GeneratedRegex(@"(^\[\d+\]\s)|\bIn\s+Proceedings\s+of\b|\barXiv\s+preprint\b|\bdoi:\s*10\.|\bProc\.\s+of\b|^(\p{Lu}[\p{L}'’-]+,\s+(\p{Lu}\.\s*)+(,|and|&)\s*){1,}.*\b(19|20)\d{2}[a-z]?\b")]
    private static partial Regex ReferenceEntry();

    [GeneratedRegex(@"^(proceedings\s+of\s+the\b.*\bpages\s+\d|©|\(c\)\s*\d{4}|copyright\s+©?\s*\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex Banner();

    [GeneratedRegex(@"^\d{1,2}\s+\S.*(https?://|www\.)", RegexOptions.IgnoreCase)]
    private static partial Regex FootnoteLink();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\{[\w\s,.]+\}@")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(University|Institute|Department|Laboratory|Laboratories|School\s+of|College|Faculty\s+of|Research\s+Center)\b")]
    private static partial Regex Affiliation();

    /// <summary>Whether the sentence says what its document does ("we introduce", "this paper presents").</summary>
    internal static bool StatesContribution(string sentence) => Contribution().IsMatch(sentence);

    [GeneratedRegex(@"\b(we|this\s+(paper|article|work|study|report))\s+(introduce|present|propose|describe|release|develop|offer)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Contribution();
}
