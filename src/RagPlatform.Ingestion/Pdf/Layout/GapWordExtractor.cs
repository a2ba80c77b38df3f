using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Util;

namespace RagPlatform.Ingestion.Pdf.Layout;

/// <summary>
/// Phrases from letters by the gaps the PDF draws. Letters are taken in content-stream order (the order the producer
/// set the text in); a word ends at a space glyph or a horizontal gap wider than a tenth of the font size (the break
/// pdftotext uses), so a PDF that sets words without space glyphs (TeX, most typesetters) is split where it leaves
/// room and "accessstatus" cannot happen. Words on one baseline in stream order make one phrase, joined by space
/// letters, so the layout analysis cannot tear a justified line with wide gaps apart ("Notably, we ... machine-");
/// a phrase ends at another line, a jump back, a gap of two font sizes (a column gutter, a table cell) or another
/// orientation. A spacing accent drawn over a letter ("a" then "¨") becomes that letter composed ("ä").
/// </summary>
internal sealed class GapWordExtractor : IWordExtractor
{
    /// <summary>A gap wider than this fraction of the font size breaks a word.</summary>
    private const double BreakGap = 0.1;

    /// <summary>A letter starting further back than this fraction of the font size starts a new word.</summary>
    private const double BackStep = 0.5;

    /// <summary>Baselines further apart than this fraction of the font size are different lines.</summary>
    private const double BaselineTolerance = 0.3;

    /// <summary>A gap wider than this many font sizes ends a phrase: wider than justified spacing, as wide as a column gutter.</summary>
    private const double PhraseGap = 2.0;

    /// <summary>A letter smaller than this fraction of its neighbour, raised or lowered by at most <see cref="ScriptRise"/>, is a script.</summary>
    private const double ScriptRatio = 0.85;

    private const double ScriptRise = 0.7;

    public static GapWordExtractor Instance { get; } = new();


    public IEnumerable<Word> GetWords(IReadOnlyList<Letter> letters) => GetLines(letters).SelectMany(line => line);

    /// <summary>The words of the page grouped into line pieces: the words of one baseline, in stream order, left to right.</summary>
    public static List<List<Word>> GetLines(IReadOnlyList<Letter> letters)
    {
        var lines = new List<List<Word>>();
        var line = new List<Word>();
        var word = new List<Letter>();
        Letter? previous = null;
        var spaced = false;
        foreach (var letter in Composed(letters))
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                spaced = previous is not null;
                continue;
            }

            if (previous is not null)
            {
                switch (Join(previous, letter, spaced))
                {
                    case Joint.Phrase:
                        Flush(word, line);
                        if (line.Count > 0)
                        {
                            lines.Add(line);
                            line = [];
                        }

                        break;
                    case Joint.Word:
                        Flush(word, line);
                        break;
                }
            }

            word.Add(letter);
            previous = letter;
            spaced = false;
        }

        Flush(word, line);
        if (line.Count > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    private enum Joint
    {
        /// <summary>The next letter continues the word.</summary>
        Letter,

        /// <summary>A word ends; the next one continues the phrase on the same line.</summary>
        Word,

        /// <summary>The phrase ends: another line, a jump back, a wide gap (a column, a table cell) or another orientation.</summary>
        Phrase,
    }

    private static void Flush(List<Letter> current, List<Word> words)
    {
        if (current.Count > 0)
        {
            words.Add(new Word(current.ToArray()));
            current.Clear();
        }
    }

    private static Joint Join(Letter previous, Letter next, bool spaced)
    {
        if (previous.TextOrientation != next.TextOrientation)
        {
            return Joint.Phrase;
        }

        var size = Size(previous, next);
        var (along, across) = Advance(previous, next);
        if (along < -BackStep * size || along > PhraseGap * size)
        {
            return Joint.Phrase;
        }

        if (Math.Abs(across) > BaselineTolerance * size)
        {
            // A superscript or subscript (a footnote mark, an exponent) stays on its line as a word of its own.
            var small = Math.Min(previous.PointSize, next.PointSize) < ScriptRatio * Math.Max(previous.PointSize, next.PointSize);
            return small && Math.Abs(across) <= ScriptRise * size ? Joint.Word : Joint.Phrase;
        }

        return spaced || along > BreakGap * size ? Joint.Word : Joint.Letter;
    }

    /// <summary>How far <paramref name="next"/> starts after the end of <paramref name="previous"/> along its baseline, and how far off it.</summary>
    private static (double Along, double Across) Advance(Letter previous, Letter next)
    {
        var end = previous.EndBaseLine;
        var start = next.StartBaseLine;
        var (dx, dy) = (start.X - end.X, start.Y - end.Y);
        return previous.TextOrientation switch
        {
            TextOrientation.Horizontal => (dx, dy),
            TextOrientation.Rotate180 => (-dx, -dy),
            TextOrientation.Rotate90 => (dy, -dx),
            TextOrientation.Rotate270 => (-dy, dx),
            _ => Along(previous, dx, dy),
        };
    }

    private static (double, double) Along(Letter previous, double dx, double dy)
    {
        var (bx, by) = (previous.EndBaseLine.X - previous.StartBaseLine.X, previous.EndBaseLine.Y - previous.StartBaseLine.Y);
        var length = Math.Sqrt(bx * bx + by * by);
        if (length < 1e-6)
        {
            return (dx, dy);
        }

        (bx, by) = (bx / length, by / length);
        return (dx * bx + dy * by, -dx * by + dy * bx);
    }

    /// <summary>The font size in page units: the point size when the producer set one, else the glyph's height.</summary>
    internal static double Size(Letter a, Letter b)
    {
        var size = Math.Max(a.PointSize, b.PointSize);
        var height = Math.Max(a.BoundingBox.Height, b.BoundingBox.Height);
        return size >= 1 ? size : Math.Max(height / 0.7, 1);
    }

    /// <summary>The letters with each spacing accent folded into the letter it is drawn over.</summary>
    private static List<Letter> Composed(IReadOnlyList<Letter> letters)
    {
        var result = new List<Letter>(letters.Count);
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            if (Combining(letter.Value) is not { } mark)
            {
                result.Add(letter);
                continue;
            }

            // The accent covers the letter drawn just before it (TeX: "a" then "¨") or just after it.
            if (result.Count > 0 && Covers(letter, result[^1]) && Compose(result[^1], mark) is { } before)
            {
                result[^1] = before;
            }
            else if (i + 1 < letters.Count && Covers(letter, letters[i + 1]) && Compose(letters[i + 1], mark) is { } after)
            {
                result.Add(after);
                i++;
            }
            else
            {
                result.Add(letter);
            }
        }

        return result;
    }

    private static bool Covers(Letter accent, Letter letter)
    {
        if (accent.TextOrientation != letter.TextOrientation || string.IsNullOrWhiteSpace(letter.Value))
        {
            return false;
        }

        PdfRectangle a = accent.BoundingBox, l = letter.BoundingBox;
        var overlap = Math.Min(a.Right, l.Right) - Math.Max(a.Left, l.Left);
        var narrow = Math.Max(Math.Min(a.Width, l.Width), 0.01);
        return overlap >= 0.4 * narrow;
    }

    private static Letter? Compose(Letter letter, char mark)
    {
        var baseText = letter.Value switch { "ı" => "i", "ȷ" => "j", var v => v };
        if (baseText.Length != 1 || Normalization.Composition.Compose(baseText[0], mark) is not { } composed)
        {
            return null;
        }

        return new Letter(composed.ToString(), letter.BoundingBox, letter.GlyphRectangleLoose, letter.StartBaseLine, letter.EndBaseLine,
            letter.Width, letter.FontSize, letter.FontDetails, letter.RenderingMode, letter.StrokeColor, letter.FillColor,
            letter.PointSize, letter.TextSequence);
    }

    /// <summary>The combining mark of a spacing accent glyph, or null.</summary>
    private static char? Combining(string value) => value switch
    {
        "\u00A8" => '\u0308', // diaeresis
        "\u00B4" or "\u02CA" => '\u0301', // acute
        "`" or "\u02CB" => '\u0300', // grave
        "\u02C6" or "^" => '\u0302', // circumflex
        "\u02DC" or "~" => '\u0303', // tilde
        "\u00AF" or "\u02C9" => '\u0304', // macron
        "\u02D8" => '\u0306', // breve
        "\u02D9" => '\u0307', // dot above
        "\u02DA" => '\u030A', // ring above
        "\u02DD" => '\u030B', // double acute
        "\u02C7" => '\u030C', // caron
        "\u00B8" => '\u0327', // cedilla
        "\u02DB" => '\u0328', // ogonek
        _ => null,
    };
}
