using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Ingestion.Structure;

namespace RagPlatform.Ingestion.Text;

/// <summary>
/// Builds a document's normalized text once, paragraph by paragraph, recording page and heading offsets as it goes,
/// so every offset refers to the final string. Inside a paragraph, whitespace runs become one space and words broken
/// by a hyphen at a line end are joined; paragraphs are separated by a blank line.
/// </summary>
internal sealed class TextComposer
{
    private const string ParagraphBreak = "\n\n";

    private readonly StringBuilder _text = new();
    private readonly List<PageSpan> _pages = [];
    private readonly List<HeadingMark> _headings = [];
    private readonly List<(int Start, int End)> _paragraphs = [];
    private int _pageNumber;
    private int _pageStart;
    private bool _pageOpen;

    public int Length => _text.Length;

    public void BeginPage(int number)
    {
        _pageNumber = number;
        _pageStart = _text.Length;
        _pageOpen = true;
    }

    public void EndPage()
    {
        _pages.Add(new PageSpan(_pageNumber, _pageStart, _text.Length));
        _pageOpen = false;
    }

    /// <summary>Adds a paragraph made of layout lines (PDF): lines are joined, de-hyphenating words split across them.</summary>
    public void AddLines(IReadOnlyList<string> lines)
    {
        var joined = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (joined.Length > 1 && joined[^1] == '-' && char.IsLetter(joined[^2]) && char.IsLower(line[0]))
            {
                // "regu-" + "lation": a word broken at the line end. A hyphen before a capital or digit is kept.
                joined.Length--;
            }
            else if (joined.Length > 0)
            {
                joined.Append(' ');
            }

            joined.Append(line);
        }

        AddParagraph(joined.ToString());
    }

    /// <summary>Adds a paragraph; a heading level marks it as a heading of the section tree.</summary>
    public void AddParagraph(string raw, int? headingLevel = null, string? headingNumber = null)
    {
        var normalized = Normalize(raw);
        if (normalized.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append(ParagraphBreak);
        }

        var start = _text.Length;
        if (headingLevel is { } level)
        {
            _headings.Add(new HeadingMark(start, Math.Clamp(level, 1, 9), headingNumber, normalized));
        }

        _text.Append(normalized);
        _paragraphs.Add((start, _text.Length));
    }

    /// <summary>
    /// The finished text. Formats without pages get one page. Without explicit headings, the section detector finds
    /// scientific and legal headings among the paragraphs.
    /// </summary>
    public DocumentText Build(string? title, IReadOnlyList<string> warnings)
    {
        if (_pageOpen)
        {
            EndPage();
        }

        var text = _text.ToString();
        var pages = _pages.Count > 0 ? _pages : [new PageSpan(1, 0, text.Length)];
        var headings = _headings.Count > 0 ? _headings : SectionDetector.Detect(text, _paragraphs);
        return new DocumentText(text, pages, SectionTree.Build(headings, text.Length), warnings, string.IsNullOrWhiteSpace(title) ? null : Normalize(title));
    }

    /// <summary>Collapses whitespace runs to one space, drops control characters, trims.</summary>
    public static string Normalize(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c == '\uFFFD' || c == '\u00AD')
            {
                // Soft hyphens and control characters carry no text.
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
