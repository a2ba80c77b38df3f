using System.Text.RegularExpressions;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// What the composer knows of a document's structure, in document offsets: its title and authors, the heading line
/// of every section, the front matter before an abstract (title block, authors, affiliations), the reference list,
/// and the abstract or summary itself (for questions about the whole document).
/// </summary>
internal sealed partial record DocumentProfile(
    Guid Id,
    string Title,
    IReadOnlyList<string> Authors,
    IReadOnlyList<TextRange> Headings,
    int FrontMatterEnd,
    IReadOnlyList<TextRange> References,
    TextRange? Summary)
{
    private const int MaxHeadingChars = 200;
    private const int MinAbstractWords = 60;

    /// <summary>Builds the profile from the stored document (its text is read only to find each heading's line end).</summary>
    public static DocumentProfile From(StoredDocument document)
    {
        var text = document.Text;
        var headings = new List<TextRange>();
        var references = new List<TextRange>();
        TextRange? summary = null;
        var frontMatterEnd = 0;
        foreach (var section in document.Sections)
        {
            if (section.CharStart < 0 || section.CharStart >= text.Length)
            {
                continue;
            }

            var lineEnd = text.IndexOf('\n', section.CharStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            // A numbered clause is a section too ("3.1 This Agreement remains in force ..."): its line is a statement,
            // not a heading.
            if (lineEnd - section.CharStart <= MaxHeadingChars && !EndsStatement(text.AsSpan(section.CharStart, lineEnd - section.CharStart)))
            {
                headings.Add(new TextRange(section.CharStart, lineEnd));
            }

            var end = Math.Min(Math.Max(section.CharEnd, section.CharStart), text.Length);
            if (ReferenceHeading().IsMatch(section.Title))
            {
                references.Add(new TextRange(section.CharStart, end));
            }
            else if (summary is null && SummaryHeading().IsMatch(section.Title))
            {
                summary = new TextRange(Math.Min(lineEnd, end), end);
                if (AbstractHeading().IsMatch(section.Title))
                {
                    frontMatterEnd = section.CharStart;
                }
            }
        }

        if (summary is null && (RunInAbstract(text, document.Sections) ?? UnlabelledAbstract(text, document.Sections)) is { } runIn)
        {
            summary = runIn.Summary;
            frontMatterEnd = runIn.Start;
        }

        return new DocumentProfile(document.Info.Id, document.Info.Title, document.Info.Authors, headings, frontMatterEnd, references, summary);
    }

    /// <summary>
    /// A paragraph opening "Abstract." or "Abstract:" before the first section (the run-in style of LNCS and CEUR
    /// papers): its start, and the summary after the label up to the paragraph's end.
    /// </summary>
    private static (int Start, TextRange Summary)? RunInAbstract(string text, IReadOnlyList<Documents.Section> sections)
    {
        var limit = Math.Min(text.Length, sections.Where(s => s.CharStart > 0).Select(s => s.CharStart).DefaultIfEmpty(text.Length).Min());
        var match = RunInAbstractLabel().Match(text, 0, limit);
        if (!match.Success)
        {
            return null;
        }

        var from = match.Index + match.Length;
        var end = text.IndexOf("\n\n", from, StringComparison.Ordinal);
        end = end < 0 ? limit : Math.Min(end, limit);
        return end > from ? (match.Index, new TextRange(from, end)) : null;
    }

    /// <summary>
    /// A paper whose abstract has no label (ACM's format: title, authors with affiliations, then the abstract
    /// paragraph): the first paragraph before the first section that reads as prose (at least
    /// <see cref="MinAbstractWords"/> words in sentences), when a line before it names an affiliation.
    /// </summary>
    private static (int Start, TextRange Summary)? UnlabelledAbstract(string text, IReadOnlyList<Documents.Section> sections)
    {
        var limit = Math.Min(text.Length, sections.Where(s => s.CharStart > 0).Select(s => s.CharStart).DefaultIfEmpty(text.Length).Min());
        var start = 0;
        while (start < limit)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            end = end < 0 || end > limit ? limit : end;
            var paragraph = text.AsSpan(start, end - start);
            var words = SentenceRoles.WordCount(paragraph.ToString());
            if (words >= MinAbstractWords && paragraph.Count(". ") >= 2)
            {
                return Affiliation().IsMatch(text.AsSpan(0, start)) ? (start, new TextRange(start, end)) : null;
            }

            start = end + 2;
        }

        return null;
    }

    private static bool EndsStatement(ReadOnlySpan<char> line)
    {
        var t = line.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or ';' or '!' or '?' or ',' or '\u2026';
    }

    /// <summary>The heading line the offset lies on, if any.</summary>
    public TextRange? HeadingAt(int offset)
    {
        foreach (var h in Headings)
        {
            if (offset >= h.Start && offset < h.End)
            {
                return h;
            }
        }

        return null;
    }

    /// <summary>Whether the offset lies in the reference list.</summary>
    public bool InReferences(int offset) => References.Any(r => offset >= r.Start && offset < r.End);

    [GeneratedRegex(@"^\s*(references?|bibliography|works\s+cited|literature\s+cited|citations)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceHeading();

    [GeneratedRegex(@"^\s*(abstract|summary|executive\s+summary|overview)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SummaryHeading();

    [GeneratedRegex(@"^\s*abstract\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AbstractHeading();

    [GeneratedRegex(@"\b(universit(y|é|at)|institute|college|laborator(y|ies)|department)\b|@", RegexOptions.IgnoreCase)]
    private static partial Regex Affiliation();

    [GeneratedRegex(@"(?<=^|\n)\s*Abstract\s*(?:[.:\u2014\u2013-]\s*|\n)", RegexOptions.IgnoreCase)]
    private static partial Regex RunInAbstractLabel();
}
