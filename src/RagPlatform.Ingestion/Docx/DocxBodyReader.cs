using System.Globalization;
using System.Text;
using System.Xml;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;

namespace RagPlatform.Ingestion.Docx;

/// <summary>
/// Streams word/document.xml with an XmlReader: each w:p becomes a paragraph (text of its w:t, w:tab, w:br in runs),
/// its w:pStyle or w:outlineLvl a heading level. mc:Fallback duplicates mc:Choice and is ignored. Element count,
/// nesting depth and characters are checked as they are read; text nodes are read in chunks, never whole.
/// </summary>
internal sealed class DocxBodyReader(
    XmlReader reader, Dictionary<string, string> styleNames, TextAssembler assembler, IngestionOptions options, string partName)
{
    /// <summary>Real documents nest a few dozen elements deep; an XmlReader's own stack grows with depth.</summary>
    private const int MaxDepth = 512;
    private const string Transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string Strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    private readonly List<Paragraph> _open = [];
    private readonly Stack<StringBuilder> _pool = new();
    private readonly char[] _buffer = new char[8192];
    private string? _firstHeading;

    // A table is one paragraph: its rows of cells go to the assembler as they are (nested tables read into their cell).
    private readonly List<IReadOnlyList<string>> _rows = [];
    private readonly List<string> _cells = [];
    private readonly StringBuilder _cell = new();
    private long _tableChars;
    private int _tableDepth = -1;

    public static bool IsWordNamespace(string ns) => ns is Transitional or Strict;

    public static string? WordAttribute(XmlReader reader, string localName) =>
        reader.GetAttribute(localName, Transitional) ?? reader.GetAttribute(localName, Strict);

    public static DocumentFormatException TooManyElements(string part, int max) =>
        new($"{part} has more than {max:N0} XML elements (Ingestion:MaxXmlElements)");

    public DocumentText Read(string? title)
    {
        assembler.BeginPage();
        var names = new List<string>();
        var elements = 0;
        var rootSeen = false;
        int skipDepth = -1, propertiesDepth = -1, textDepth = -1;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (++elements > options.MaxXmlElements)
                    {
                        throw TooManyElements(partName, options.MaxXmlElements);
                    }

                    if (elements % 4096 == 0)
                    {
                        assembler.ThrowIfCancellationRequested();
                    }

                    if (reader.Depth > MaxDepth)
                    {
                        throw new DocumentFormatException($"{partName} nests XML elements more than {MaxDepth} deep");
                    }

                    if (!rootSeen)
                    {
                        rootSeen = true;
                        if (reader.LocalName != "document" || !IsWordNamespace(reader.NamespaceURI))
                        {
                            throw new DocumentFormatException("not a DOCX file: its main part is not a Word document");
                        }
                    }

                    var parent = names.Count > 0 ? names[^1] : string.Empty;
                    if (!reader.IsEmptyElement)
                    {
                        names.Add(reader.LocalName);
                    }

                    if (skipDepth >= 0)
                    {
                        break;
                    }

                    if (reader.LocalName == "Fallback" && reader.NamespaceURI == MarkupCompatibility)
                    {
                        skipDepth = reader.IsEmptyElement ? -1 : reader.Depth;
                        break;
                    }

                    if (IsWordNamespace(reader.NamespaceURI))
                    {
                        if (reader.LocalName == "tbl" && _tableDepth < 0 && !reader.IsEmptyElement)
                        {
                            _tableDepth = reader.Depth;
                        }

                        StartWordElement(parent, ref propertiesDepth, ref textDepth);
                    }

                    break;

                case XmlNodeType.EndElement:
                    names.RemoveAt(names.Count - 1);
                    if (reader.Depth == skipDepth)
                    {
                        skipDepth = -1;
                    }
                    else if (reader.Depth == textDepth)
                    {
                        textDepth = -1;
                    }
                    else if (reader.Depth == propertiesDepth)
                    {
                        propertiesDepth = -1;
                    }
                    else if (skipDepth < 0 && _open.Count > 0 && reader.Depth == _open[^1].Depth && reader.LocalName == "p")
                    {
                        Close(ref title);
                    }
                    else if (skipDepth < 0 && _tableDepth >= 0 && IsWordNamespace(reader.NamespaceURI))
                    {
                        EndTableElement(reader.LocalName, reader.Depth);
                    }

                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                    when textDepth >= 0 && skipDepth < 0:
                    int n;
                    while ((n = reader.ReadValueChunk(_buffer, 0, _buffer.Length)) > 0)
                    {
                        Append(_buffer.AsSpan(0, n));
                    }

                    break;
            }
        }

        return assembler.Build([], string.IsNullOrWhiteSpace(title) ? _firstHeading : title);
    }

    private void StartWordElement(string parent, ref int propertiesDepth, ref int textDepth)
    {
        var depth = reader.Depth;
        switch (reader.LocalName)
        {
            case "p":
                var paragraph = new Paragraph(depth, _pool.Count > 0 ? _pool.Pop() : new StringBuilder());
                if (reader.IsEmptyElement)
                {
                    _pool.Push(paragraph.Text);
                }
                else
                {
                    _open.Add(paragraph);
                }

                return;
            case "pPr" when _open.Count > 0 && depth == _open[^1].Depth + 1 && !reader.IsEmptyElement:
                propertiesDepth = depth;
                return;
        }

        if (_open.Count == 0)
        {
            return;
        }

        var current = _open[^1];
        if (propertiesDepth >= 0)
        {
            if (depth == propertiesDepth + 1 && reader.LocalName == "pStyle")
            {
                current.StyleId = WordAttribute(reader, "val");
            }
            else if (depth == propertiesDepth + 1 && reader.LocalName == "outlineLvl"
                && int.TryParse(WordAttribute(reader, "val"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var outline))
            {
                current.Outline = outline;
            }

            return;
        }

        switch (reader.LocalName)
        {
            case "t" when !reader.IsEmptyElement:
                textDepth = depth;
                break;
            case "tab" when parent == "r":
                Append(" ");
                break;
            case "br" or "cr" when parent == "r":
                Append("\n");
                break;
            case "noBreakHyphen" when parent == "r":
                Append("-");
                break;
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_open.Count == 0)
        {
            return;
        }

        var builder = _open[^1].Text;
        assembler.EnsureRoom(builder.Length + text.Length);
        builder.Append(text);
    }

    private void EndTableElement(string name, int depth)
    {
        if (name == "tc" && depth == _tableDepth + 2)
        {
            // Cells travel as cells: a cell whose text holds " | " stays one cell.
            _cells.Add(_cell.ToString().Trim());
            _tableChars += _cell.Length + 3;
            _cell.Clear();
        }
        else if (name == "tr" && depth == _tableDepth + 1)
        {
            _rows.Add([.. _cells]);
            _cells.Clear();
        }
        else if (name == "tbl" && depth == _tableDepth)
        {
            assembler.AddTable(_rows);
            _rows.Clear();
            _tableChars = 0;
            _tableDepth = -1;
        }
    }

    private void Close(ref string? title)
    {
        var paragraph = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        var raw = paragraph.Text.ToString();
        paragraph.Text.Clear();
        _pool.Push(paragraph.Text);
        if (_tableDepth >= 0)
        {
            assembler.EnsureRoom(_tableChars + _cell.Length + raw.Length);
            _cell.Append(_cell.Length > 0 ? " " : string.Empty).Append(TextAssembler.NormalizeLine(raw));
            return;
        }

        var level = HeadingLevel(paragraph, out var isTitle);
        if (!assembler.AddParagraph(raw, level))
        {
            return;
        }

        if (isTitle && string.IsNullOrWhiteSpace(title))
        {
            title = TextAssembler.NormalizeLine(raw);
        }

        _firstHeading ??= level > 0 ? TextAssembler.NormalizeLine(raw) : null;
    }

    /// <summary>1 for Title, N+1 for "Heading N" (style id or name, or an outline level); 0 for body text.</summary>
    private int HeadingLevel(Paragraph paragraph, out bool isTitle)
    {
        isTitle = false;
        if (paragraph.StyleId is { } styleId)
        {
            var name = styleNames.TryGetValue(styleId, out var n) && n.Length > 0 ? n : styleId;
            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase) || styleId.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                isTitle = true;
                return 1;
            }

            foreach (var candidate in new[] { name.Replace(" ", string.Empty, StringComparison.Ordinal), styleId })
            {
                if (candidate.StartsWith("Heading", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(candidate.AsSpan(7), CultureInfo.InvariantCulture, out var h) && h is >= 1 and <= 9)
                {
                    return h + 1;
                }
            }
        }

        return paragraph.Outline is >= 0 and < 9 ? paragraph.Outline.Value + 2 : 0;
    }

    private sealed class Paragraph(int depth, StringBuilder text)
    {
        public int Depth { get; } = depth;

        public StringBuilder Text { get; } = text;

        public string? StyleId { get; set; }

        public int? Outline { get; set; }
    }
}
