using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Structure;

namespace RagPlatform.Ingestion.Normalization;

/// <summary>
/// Builds a document's normalized text once, paragraph by paragraph, recording page spans and explicit headings
/// against the final string: spaces collapsed, line ends unified, words broken at line ends re-joined,
/// paragraphs separated by exactly "\n\n". It holds every decoder to Ingestion:MaxDocumentChars and Ingestion:MaxPages
/// and checks cancellation between paragraphs, so no format can run past its bounds.
/// </summary>
internal sealed class TextAssembler(IngestionOptions options, CancellationToken cancellationToken)
{
    private const int CancellationStride = 256;
    private readonly StringBuilder _text = new();
    private readonly List<PageSpan> _pages = [];
    private readonly List<HeadingMark> _headings = [];
    private readonly HashSet<int> _plain = [];
    private readonly List<DocumentTable> _tables = [];
    private int _lastParagraphStart = -1;
    private readonly StringBuilder _scratch = new();
    private int _pageStart = -1;
    private int _pageNumber;
    private int _paragraphs;

    public int Length => _text.Length;

    /// <summary>Decides whether a hyphen at a line end is kept ("machine-readable") or the word re-joined; re-joined when unset.</summary>
    public Func<string, string, bool>? KeepHyphen { get; set; }

    public int PageCount => _pages.Count + (_pageStart >= 0 ? 1 : 0);

    public void BeginPage()
    {
        EndPage();
        cancellationToken.ThrowIfCancellationRequested();
        if (_pageNumber >= options.MaxPages)
        {
            throw new DocumentFormatException($"the document has more than {options.MaxPages:N0} pages (Ingestion:MaxPages)");
        }

        _pageNumber++;
        _pageStart = _text.Length;
    }

    public void EndPage()
    {
        if (_pageStart >= 0)
        {
            _pages.Add(new PageSpan(_pageNumber, _pageStart, _text.Length));
            _pageStart = -1;
        }
    }

    /// <summary>
    /// Adds one paragraph (may contain line breaks); returns false when it normalized to nothing. A
    /// <paramref name="plain"/> paragraph (a footnote, a caption, an affiliation) is never taken for a heading.
    /// </summary>
    public bool AddParagraph(ReadOnlySpan<char> raw, int headingLevel = 0, bool plain = false)
    {
        if (_pageStart < 0)
        {
            BeginPage();
        }

        if (++_paragraphs % CancellationStride == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        Normalize(raw, _scratch, KeepHyphen);
        if (_scratch.Length == 0)
        {
            return false;
        }

        ComposeDiacritics(_scratch);
        EnsureRoom(_scratch.Length + 2);
        if (TryCaptionTableAbove())
        {
            return true;
        }

        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        var start = _text.Length;
        _lastParagraphStart = start;
        _text.Append(_scratch);
        if (headingLevel > 0)
        {
            _headings.Add(new HeadingMark(start, _text.Length, headingLevel));
        }
        else if (plain)
        {
            _plain.Add(start);
        }

        return true;
    }

    /// <summary>
    /// Adds a table as one paragraph of its own: the caption (when given) on the first line, then one row a line with
    /// its cells separated by " | ". Each cell is normalized on its own (no hyphen is re-joined across rows). When no
    /// caption is given and the paragraph just before it on the same page reads as a table caption ("Table 2: ..."),
    /// that paragraph becomes the table's caption and its span starts there. Returns false when no row has text.
    /// </summary>
    public bool AddTable(IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null, PageRegion? box = null)
    {
        if (_pageStart < 0)
        {
            BeginPage();
        }

        cancellationToken.ThrowIfCancellationRequested();
        var table = new StringBuilder();
        var (count, columns) = (0, 0);
        foreach (var row in rows)
        {
            var rowStart = table.Length;
            var cells = 0;
            foreach (var cell in row)
            {
                Normalize(cell, _scratch);
                _scratch.Replace('\n', ' ');
                if (cells++ > 0)
                {
                    table.Append(" | ");
                }

                table.Append(_scratch);
            }

            if (table.Length - rowStart <= 3 * Math.Max(0, cells - 1))
            {
                table.Length = rowStart; // a row of empty cells carries nothing
                continue;
            }

            table.Append('\n');
            (count, columns) = (count + 1, Math.Max(columns, cells));
            EnsureRoom(table.Length);
        }

        if (count == 0)
        {
            return false;
        }

        table.Length--;
        string? captionText = null;
        if (caption is not null)
        {
            Normalize(caption, _scratch, KeepHyphen);
            _scratch.Replace('\n', ' ');
            captionText = _scratch.Length == 0 ? null : _scratch.ToString();
        }

        if (captionText is not null)
        {
            table.Insert(0, captionText + "\n");
        }

        ComposeDiacritics(table);
        EnsureRoom(table.Length + 2);
        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        var start = _text.Length;
        _text.Append(table);
        _plain.Add(start);
        if (captionText is null && _lastParagraphStart >= _pageStart && _lastParagraphStart >= 0
            && !_tables.Exists(t => t.CharStart == _lastParagraphStart)
            && TableCaption.Is(_text, _lastParagraphStart, start - 2))
        {
            // The paragraph above is the table's caption ("Table 3. Fees"): it becomes the table's first line, so the
            // table's chunk starts with it. Nothing was recorded after that paragraph, so no offset moves.
            captionText = _text.ToString(_lastParagraphStart, start - 2 - _lastParagraphStart).Replace('\n', ' ');
            _text.Length = start - 2;
            _text.Append('\n').Append(table);
            _plain.Remove(start);
            _headings.RemoveAll(h => h.Start == _lastParagraphStart);
            start = _lastParagraphStart;
            _plain.Add(start);
        }

        _tables.Add(new DocumentTable(start, _text.Length, _pageNumber, captionText, count, columns) { Box = box });
        _lastParagraphStart = -1;
        return true;
    }

    /// <summary>
    /// A caption set below its table ("Table 1: Lots sold", the paragraph right after a table without a caption, on the
    /// same page) becomes the table's first line, as a caption above it does, so the table's chunk starts with it.
    /// Only the table's own span is rewritten: it is the last text, and nothing after its start was recorded.
    /// </summary>
    private bool TryCaptionTableAbove()
    {
        if (_tables.Count == 0 || _tables[^1] is not { Caption: null } last || last.CharEnd != _text.Length
            || last.Page != _pageNumber || _scratch.Length > 400)
        {
            return false;
        }

        var caption = _scratch.ToString().Replace('\n', ' ');
        if (!TableCaption.Is(caption))
        {
            return false;
        }

        var rows = _text.ToString(last.CharStart, last.CharEnd - last.CharStart);
        _text.Length = last.CharStart;
        _text.Append(caption).Append('\n').Append(rows);
        _tables[^1] = last with { Caption = caption, CharEnd = _text.Length };
        _lastParagraphStart = -1;
        return true;
    }

    /// <summary>Lets a decoder's inner loop check the same cancellation as the paragraphs.</summary>
    public void ThrowIfCancellationRequested() => cancellationToken.ThrowIfCancellationRequested();

    /// <summary>
    /// Throws when <paramref name="more"/> characters would take the text past Ingestion:MaxDocumentChars; decoders
    /// call it while a paragraph grows, before it reaches the assembler.
    /// </summary>
    public void EnsureRoom(long more)
    {
        if (_text.Length + more > options.MaxDocumentChars)
        {
            throw new DocumentFormatException(
                $"the document's text passes {options.MaxDocumentChars:N0} characters (Ingestion:MaxDocumentChars)");
        }
    }

    /// <summary>Finishes the text and detects its section tree; every offset refers to the returned text.</summary>
    public DocumentText Build(IReadOnlyList<string> warnings, string? title)
    {
        EndPage();
        if (_pages.Count == 0)
        {
            _pages.Add(new PageSpan(1, 0, _text.Length));
        }

        var text = _text.ToString();
        var sections = SectionDetector.Detect(text, _headings, cancellationToken, _plain);
        return new DocumentText(text, _pages, sections, warnings, string.IsNullOrWhiteSpace(title) ? null : title.Trim())
        {
            Tables = _tables,
        };
    }

    /// <summary>The normalized text of a paragraph on its own (for titles).</summary>
    public static string NormalizeLine(string raw)
    {
        var sb = new StringBuilder();
        Normalize(raw, sb);
        return sb.Replace('\n', ' ').ToString();
    }

    /// <summary>Normalizes one paragraph into <paramref name="output"/>: no leading/trailing space, no empty lines.</summary>
    internal static void Normalize(ReadOnlySpan<char> raw, StringBuilder output, Func<string, string, bool>? keepHyphen = null)
    {
        output.Clear();
        var pendingSpace = false;
        var pendingNewline = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is '\r' or '\n' or '\f' or '\v' or '\u2028' or '\u2029' or '\u0085')
            {
                pendingNewline = output.Length > 0;
                pendingSpace = false;
                continue;
            }

            if (c == '\u00AD' || c == '\u200B' || c == '\uFEFF' || (char.IsControl(c) && c != '\t'))
            {
                continue; // soft hyphens, zero-width spaces, stray controls carry no text
            }

            if (c == '\t' || char.IsWhiteSpace(c))
            {
                pendingSpace = output.Length > 0 && !pendingNewline;
                continue;
            }

            if (pendingNewline)
            {
                // "regu-\nlation" -> "regulation": a letter, a hyphen at the line end, a lowercase letter next.
                var n = output.Length;
                if (n >= 2 && output[n - 1] == '-' && char.IsLetter(output[n - 2]) && char.IsLower(c))
                {
                    if (keepHyphen is null || !keepHyphen(WordBefore(output, n - 1), WordAt(raw, i)))
                    {
                        output.Length = n - 1;
                    }
                }
                else
                {
                    output.Append('\n');
                }

                pendingNewline = false;
                pendingSpace = false;
            }
            else if (pendingSpace)
            {
                output.Append(' ');
                pendingSpace = false;
            }

            AppendChar(c, output);
        }
    }

    /// <summary>Composes letters and their combining marks (NFC), so "Fa\u0308rber" reads and matches as "Färber".</summary>
    private static void ComposeDiacritics(StringBuilder paragraph)
    {
        for (var i = 0; i < paragraph.Length; i++)
        {
            if (Composition.IsMark(paragraph[i]))
            {
                Composition.ComposeInPlace(paragraph);
                return;
            }
        }
    }

    private static string WordBefore(StringBuilder output, int end)
    {
        var start = end;
        while (start > 0 && char.IsLetter(output[start - 1]))
        {
            start--;
        }

        return output.ToString(start, end - start);
    }

    private static string WordAt(ReadOnlySpan<char> raw, int start)
    {
        var end = start;
        while (end < raw.Length && char.IsLetter(raw[end]))
        {
            end++;
        }

        return raw[start..end].ToString();
    }

    /// <summary><paramref name="value"/> with its ligatures spelled out, as the text spells them.</summary>
    internal static string ExpandLigatures(string value)
    {
        if (!value.Any(c => c is >= '\uFB00' and <= '\uFB04'))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 2);
        foreach (var c in value)
        {
            AppendChar(c, sb);
        }

        return sb.ToString();
    }

    private static void AppendChar(char c, StringBuilder output)
    {
        switch (c)
        {
            case '\uFB00': output.Append("ff"); break;
            case '\uFB01': output.Append("fi"); break;
            case '\uFB02': output.Append("fl"); break;
            case '\uFB03': output.Append("ffi"); break;
            case '\uFB04': output.Append("ffl"); break;
            default: output.Append(c); break;
        }
    }
}
