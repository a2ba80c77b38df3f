using System.Text;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Normalization;
using RagPlatform.Ingestion.Pdf.Layout;
using RagPlatform.Ingestion.Pdf.Ocr;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// Finds the glyph box of every character of a PDF's normalized text. The decoder reads letters block by block in
/// reading order and normalizes them (whitespace, ligatures, hyphenation), so the letters of a page are walked in that
/// same order and matched to the page's text character by character; whitespace and characters the normalization
/// invented get no box. Pages the decoder read by OCR are recognized again with the same settings (OCR is
/// deterministic for one file, engine version and configuration) and each word's box is shared out over its characters.
/// </summary>
public static class PdfGlyphMapper
{
    /// <summary>How far ahead in the letters a text character may be found (letters the normalization dropped).</summary>
    private const int Lookahead = 6;

    /// <summary>One entry per character of <paramref name="text"/>; null where the character has no glyph (default OCR settings).</summary>
    public static GlyphBox?[] Map(byte[] pdf, string text, IReadOnlyList<PageSpan> pages, CancellationToken cancellationToken) =>
        Map(pdf, text, pages, new OcrOptions(), cancellationToken);

    /// <summary>
    /// One entry per character of <paramref name="text"/>; null where the character has no glyph. <paramref name="ocr"/>
    /// are the OCR settings the document was decoded with.
    /// </summary>
    public static GlyphBox?[] Map(byte[] pdf, string text, IReadOnlyList<PageSpan> pages, OcrOptions ocr, CancellationToken cancellationToken)
    {
        var boxes = new GlyphBox?[text.Length];
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        using var session = new PdfOcrSession(new TesseractPageOcr(TimeProvider.System), pdf, ocr, cancellationToken);
        var recognized = new Dictionary<int, List<(char, GlyphBox)>>();
        // The decoder's own layout: the same blocks, roles and order, so furniture it left out is skipped here too.
        var layout = PdfLayoutReader.Read(document, BlockGlyphs, cancellationToken, takeOver: (page, number) =>
        {
            if (session.Recognize(page, number) is not { } words)
            {
                return false;
            }

            recognized[number] = OcrGlyphs(words);
            return true;
        });
        foreach (var span in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (span.Number > layout.Count || span.CharEnd <= span.CharStart)
            {
                continue;
            }

            var page = layout[span.Number - 1];
            var glyphs = recognized.TryGetValue(span.Number, out var ocrGlyphs) ? ocrGlyphs : [];
            foreach (var (_, blockGlyphs) in page.TextOrder())
            {
                foreach (var (c, box) in blockGlyphs)
                {
                    glyphs.Add((c, box with { Page = span.Number }));
                }
            }

            Align(text, span.CharStart, Math.Min(span.CharEnd, text.Length), glyphs, boxes);
        }

        return boxes;
    }

    private static List<(char Char, GlyphBox Box)> BlockGlyphs(TextBlock block)
    {
        var glyphs = new List<(char, GlyphBox)>();
        foreach (var letter in block.TextLines.SelectMany(l => l.Words).SelectMany(w => w.Letters))
        {
            var r = letter.BoundingBox;
            var box = new GlyphBox(0, (float)r.Left, (float)r.Bottom, (float)r.Right, (float)r.Top);
            // The text expands ligatures ("ﬁ" as "fi"); invariant globalization has no NFKC, so expand them here too.
            foreach (var c in TextAssembler.ExpandLigatures(letter.Value))
            {
                if (!char.IsWhiteSpace(c))
                {
                    glyphs.Add((c, box));
                }
            }
        }

        return glyphs;
    }

    /// <summary>The characters of the OCR words in the decoder's order, each word's box split evenly across its characters.</summary>
    private static List<(char Char, GlyphBox Box)> OcrGlyphs(OcrPageText page)
    {
        var glyphs = new List<(char, GlyphBox)>();
        foreach (var word in page.Words)
        {
            var chars = word.Text.Normalize(NormalizationForm.FormKC);
            var b = word.Box;
            var width = (b.Right - b.Left) / Math.Max(chars.Length, 1);
            for (var i = 0; i < chars.Length; i++)
            {
                if (!char.IsWhiteSpace(chars[i]))
                {
                    glyphs.Add((chars[i], b with { Left = b.Left + (i * width), Right = b.Left + ((i + 1) * width) }));
                }
            }
        }

        return glyphs;
    }

    private static void Align(string text, int start, int end, List<(char Char, GlyphBox Box)> glyphs, GlyphBox?[] boxes)
    {
        var j = 0;
        for (var i = start; i < end && j < glyphs.Count; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var found = Find(text, i, end, glyphs, j, Lookahead, 1);
            if (found >= 0)
            {
                boxes[i] = glyphs[found].Box;
                j = found + 1;
            }
        }
    }

    /// <summary>The first glyph index in [from, from + window) where the next <paramref name="anchor"/> visible characters match.</summary>
    private static int Find(string text, int i, int end, List<(char Char, GlyphBox Box)> glyphs, int from, int window, int anchor)
    {
        for (var k = from; k < Math.Min(glyphs.Count, from + window); k++)
        {
            var (t, g, matched) = (i, k, 0);
            while (matched < anchor && t < end && g < glyphs.Count)
            {
                if (char.IsWhiteSpace(text[t]))
                {
                    t++;
                    continue;
                }

                if (!Same(glyphs[g].Char, text[t]))
                {
                    break;
                }

                (t, g, matched) = (t + 1, g + 1, matched + 1);
            }

            if (matched == anchor || (matched > 0 && t >= end))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool Same(char glyph, char text) => glyph == text || char.ToLowerInvariant(glyph) == char.ToLowerInvariant(text)
        || (IsDash(glyph) && IsDash(text)) || (IsQuote(glyph) && IsQuote(text));

    private static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    private static bool IsQuote(char c) => c is '\'' or '"' or '\u2018' or '\u2019' or '\u201C' or '\u201D';
}
