using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using RagPlatform.Core.Indexing;
using RagPlatform.Ingestion.Pdf;
using RagPlatform.Ingestion.Pdf.Ocr;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace RagPlatform.Tests.Ingestion;

/// <summary>OCR of image-only PDF pages with the real pdftoppm and tesseract, on a scan made from a sample paper.</summary>
/// <remarks>In the "OCR processes" collection: its tests look for OCR programs left running, so no other OCR runs beside them.</remarks>
[Collection(OcrProcesses.Name)]
public sealed class OcrTests(ScannedPdfFixture scan, ITestOutputHelper output) : IClassFixture<ScannedPdfFixture>
{
    [Fact]
    public void Ocr_reads_at_least_95_percent_of_the_words_pdftotext_finds_on_the_original_page()
    {
        Decoders.AssertWellFormed(scan.Decoded);
        var recall = Recall(scan.OriginalText, scan.Decoded.Text);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"word recall {recall:P2} of {Words(scan.OriginalText).Count()} pdftotext words"));
        Assert.True(recall >= 0.95, $"OCR found {recall:P1} of the original page's words");
    }

    [Fact]
    public void Ocred_page_is_reported_with_the_engine_and_its_mean_confidence()
    {
        var warning = Assert.Single(scan.Decoded.Warnings);
        var match = Regex.Match(warning, @"^page 1 was OCRed \(tesseract, mean confidence (\d+)%\)$");
        Assert.True(match.Success, warning);
        var page = Assert.Single(scan.Decoded.OcrPages);
        Assert.Equal(1, page.Number);
        Assert.Equal("tesseract", page.Engine);
        Assert.InRange(page.MeanConfidence, 80, 100);
        Assert.Equal(Math.Round(page.MeanConfidence), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(page.Words > 300, $"{page.Words} words");
    }

    [Fact]
    public void Ocr_switched_off_gives_the_no_text_layer_warning_and_no_text()
    {
        var options = new IngestionOptions { Ocr = { Enabled = false } };

        var doc = Decoders.Create(options).Decode(scan.Scan, "scan.pdf", CancellationToken.None);

        Assert.Equal(["page 1 has no text layer (scanned?)"], doc.Warnings);
        Assert.Equal(string.Empty, doc.Text);
        Assert.Empty(doc.OcrPages);
    }

    [Fact]
    public void Missing_ocr_programs_give_a_warning_naming_the_debian_packages_and_the_document_still_decodes()
    {
        var options = new IngestionOptions { Ocr = { PdftoppmPath = Path.Combine(scan.Folder, "no-such-pdftoppm") } };
        var pdf = scan.ImagePdf(overlay: null, textPageBefore: "A page with a real text layer.");

        var doc = Decoders.Create(options).Decode(pdf, "two.pdf", CancellationToken.None);

        Assert.Equal("A page with a real text layer.", doc.Text);
        Assert.Equal(2, doc.Pages.Count);
        var warning = Assert.Single(doc.Warnings);
        Assert.StartsWith("page 2 has no text layer (scanned?); OCR is unavailable: ", warning, StringComparison.Ordinal);
        Assert.Contains("no-such-pdftoppm' was not found (install the Debian packages poppler-utils, tesseract-ocr, tesseract-ocr-eng)", warning, StringComparison.Ordinal);
        Assert.Empty(doc.OcrPages);
    }

    [Fact]
    public void Missing_language_data_names_its_debian_package()
    {
        var options = new IngestionOptions { Ocr = { Language = "zzz" } };

        var doc = Decoders.Create(options).Decode(scan.Scan, "scan.pdf", CancellationToken.None);

        Assert.Equal(
            ["page 1 has no text layer (scanned?); OCR is unavailable: tesseract has no 'zzz' language data (install the Debian packages poppler-utils, tesseract-ocr, tesseract-ocr-zzz)"],
            doc.Warnings);
    }

    [Fact]
    public void A_few_letters_over_a_page_sized_image_are_replaced_by_ocr_text()
    {
        var doc = Decoders.Create().Decode(scan.ImagePdf(overlay: "p. 2"), "stamped.pdf", CancellationToken.None);

        var warning = Assert.Single(doc.Warnings);
        Assert.Matches(@"^page 1 was OCRed \(tesseract, mean confidence \d+%\); its text layer was unusable$", warning);
        Assert.True(Recall(scan.OriginalText, doc.Text) >= 0.95, "the OCR text replaced the stray layer");
    }

    [Fact]
    public void A_junk_text_layer_with_ocr_switched_off_is_kept_with_a_page_warning()
    {
        var options = new IngestionOptions { Ocr = { Enabled = false } };
        var doc = Decoders.Create(options).Decode(scan.ImagePdf(overlay: "p. 2"), "stamped.pdf", CancellationToken.None);

        Assert.Equal(["page 1 has an unusable text layer (junk glyphs), kept as it is; OCR is off (Ingestion:Ocr:Enabled)"], doc.Warnings);
        Assert.Empty(doc.OcrPages);
    }

    [Fact]
    public void A_layer_of_one_glyph_repeated_is_replaced_by_ocr_text()
    {
        var doc = Decoders.Create().Decode(scan.ImagePdf(overlay: new string('x', 40)), "one-glyph.pdf", CancellationToken.None);

        Assert.Matches(@"^page 1 was OCRed \(tesseract, mean confidence \d+%\); its text layer was unusable$", Assert.Single(doc.Warnings));
        Assert.True(Recall(scan.OriginalText, doc.Text) >= 0.95, "the OCR text replaced the one-glyph layer");
    }

    [Fact]
    public void Ocr_characters_get_glyph_boxes_within_the_page_on_the_original_words()
    {
        var doc = scan.Decoded;
        var boxes = PdfGlyphMapper.Map(scan.Scan, doc.Text, doc.Pages, CancellationToken.None);

        var visible = Enumerable.Range(0, doc.Text.Length).Where(i => !char.IsWhiteSpace(doc.Text[i])).ToList();
        var boxed = visible.Where(i => boxes[i] is not null).ToList();
        Assert.True(boxed.Count >= 0.98 * visible.Count, $"{boxed.Count} of {visible.Count} characters have a box");
        Assert.All(boxed, i =>
        {
            var b = boxes[i]!.Value;
            Assert.Equal(1, b.Page);
            Assert.True(b.Left >= 0 && b.Left < b.Right && b.Right <= scan.Width, $"x {b.Left}..{b.Right}");
            Assert.True(b.Bottom >= 0 && b.Bottom < b.Top && b.Top <= scan.Height, $"y {b.Bottom}..{b.Top}");
        });

        // The scan is the original page at the same size, so a word's highlight must sit on that word's glyphs there.
        using var original = PdfDocument.Open(File.ReadAllBytes(Decoders.SamplePath(ScannedPdfFixture.Source)));
        var words = original.GetPage(ScannedPdfFixture.SourcePage).GetWords()
            .Where(w => w.Text.Length >= 6 && w.Text.All(char.IsLetter))
            .GroupBy(w => w.Text, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        var (compared, onTheWord) = (0, 0);
        foreach (var word in words)
        {
            var at = doc.Text.IndexOf(word.Text, StringComparison.Ordinal);
            if (at < 0 || doc.Text.IndexOf(word.Text, at + 1, StringComparison.Ordinal) >= 0)
            {
                continue;
            }

            compared++;
            var rect = Assert.Single(Assert.Single(GlyphRects.ForSpan(boxes, at, at + word.Text.Length)).Rects);
            var (x, y) = (rect.X + (rect.Width / 2), rect.Y + (rect.Height / 2));
            var o = word.BoundingBox;
            if (x >= o.Left && x <= o.Right && y >= o.Bottom && y <= o.Top && Math.Abs(rect.Width - o.Width) <= 0.15 * o.Width)
            {
                onTheWord++;
            }
        }

        output.WriteLine($"{onTheWord} of {compared} unique words highlighted on the original glyphs");
        Assert.True(compared >= 40, $"only {compared} words to compare");
        Assert.True(onTheWord >= 0.95 * compared, $"{onTheWord} of {compared} words' boxes lie on the original word");
    }

    [Fact]
    public void Cancelling_ocr_stops_the_programs_and_removes_its_temp_files()
    {
        var work = Directory.CreateDirectory(Path.Combine(scan.Folder, "work-" + Guid.NewGuid().ToString("N"))).FullName;
        var options = new IngestionOptions { Ocr = { WorkDirectory = work } };
        using var cancel = new CancellationTokenSource();
        // Cancel the moment the page image appears, so a program is running or about to when the token fires.
        using var watcher = new FileSystemWatcher(work) { IncludeSubdirectories = true, Filter = "*.png" };
        watcher.Created += (_, _) => cancel.Cancel();
        watcher.EnableRaisingEvents = true;

        Assert.ThrowsAny<OperationCanceledException>(() => Decoders.Create(options).Decode(scan.Scan, "scan.pdf", cancel.Token));

        Assert.True(cancel.IsCancellationRequested);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.DoesNotContain(ChildProcesses(), c => c is "pdftoppm" or "tesseract");
    }

    [Fact]
    public void A_page_past_its_ocr_time_limit_gets_a_warning_and_the_document_still_decodes()
    {
        var work = Directory.CreateDirectory(Path.Combine(scan.Folder, "work-" + Guid.NewGuid().ToString("N"))).FullName;
        var options = new IngestionOptions { Ocr = { PageTimeout = TimeSpan.FromMilliseconds(1), WorkDirectory = work } };
        var pdf = scan.ImagePdf(overlay: null, textPageBefore: "A page with a real text layer.");

        var doc = Decoders.Create(options).Decode(pdf, "slow.pdf", CancellationToken.None);

        Assert.Equal("A page with a real text layer.", doc.Text);
        var warning = Assert.Single(doc.Warnings);
        Assert.StartsWith("page 2 has no text layer (scanned?); OCR failed: ", warning, StringComparison.Ordinal);
        Assert.EndsWith("(Ingestion:Ocr:PageTimeout)", warning, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.DoesNotContain(ChildProcesses(), c => c is "pdftoppm" or "tesseract");
    }

    [Theory]
    [InlineData(nameof(OcrOptions.Dpi))]
    [InlineData(nameof(OcrOptions.Language))]
    [InlineData(nameof(OcrOptions.PageTimeout))]
    public void Ocr_settings_out_of_range_fail_ingestion_validation(string setting)
    {
        Action<OcrOptions> spoil = setting switch
        {
            nameof(OcrOptions.Dpi) => o => o.Dpi = 20,
            nameof(OcrOptions.Language) => o => o.Language = "eng --tessdata-dir /tmp",
            _ => o => o.PageTimeout = TimeSpan.Zero,
        };
        var options = new IngestionOptions();
        spoil(options.Ocr);
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        var result = Assert.Single(results);
        Assert.StartsWith("Ingestion:Ocr: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["Ocr." + setting], result.MemberNames);
        var defaults = new IngestionOptions();
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }

    [Fact]
    public void Pixel_boxes_become_pdf_points_with_the_y_axis_up_and_the_page_rotation_undone()
    {
        var upright = new OcrPageFrame(3, 0, 0, 612, 792, 0, 300);
        Assert.Equal(new GlyphBox(3, 0, 720, 72, 792), upright.ToPdf(0, 0, 300, 300));

        // Shown turned 90 degrees clockwise, the image's top left corner is the page's lower left one.
        var turned = new OcrPageFrame(1, 0, 0, 612, 792, 90, 72);
        Assert.Equal(new GlyphBox(1, 0, 0, 20, 10), turned.ToPdf(0, 0, 10, 20));
        var upsideDown = new OcrPageFrame(1, 0, 0, 612, 792, 180, 72);
        Assert.Equal(new GlyphBox(1, 602, 0, 612, 20), upsideDown.ToPdf(0, 0, 10, 20));
    }

    [Fact]
    public void Tesseract_tsv_groups_words_into_lines_and_paragraphs()
    {
        const string Tsv = """
            level	page_num	block_num	par_num	line_num	word_num	left	top	width	height	conf	text
            1	1	0	0	0	0	0	0	612	792	-1	
            5	1	1	1	1	1	72	72	36	10	96.5	First
            5	1	1	1	1	2	120	72	30	10	90.5	line
            5	1	1	1	2	1	72	90	40	10	88	second-
            5	1	2	1	1	1	72	200	50	10	70	Next
            5	1	2	1	1	2	130	200	50	10	-1	 
            """;

        var page = TesseractTsv.Parse(Tsv, new OcrPageFrame(1, 0, 0, 612, 792, 0, 72));

        Assert.Equal(["First line\nsecond-", "Next"], page.Paragraphs.Select(p => p.Text));
        Assert.Equal(new GlyphBox(1, 72, 710, 108, 720), page.Words.First().Box);
        Assert.Equal((96.5 + 90.5 + 88 + 70) / 4, page.MeanConfidence, 6);
    }

    private static double Recall(string original, string ocr)
    {
        var read = Words(ocr).ToHashSet(StringComparer.Ordinal);
        var expected = Words(original).ToList();
        return expected.Count(read.Contains) / (double)expected.Count;
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]).ToLowerInvariant())
            .Where(w => w.Length > 0);

    /// <summary>The names of this process's child processes, from /proc (field 4 of stat is the parent id).</summary>
    private static List<string> ChildProcesses()
    {
        var children = new List<string>();
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // not a process, or one that just ended
            }

            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (close > 0 && fields.Length > 1 && fields[1] == self)
            {
                children.Add(stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close]);
            }
        }

        return children;
    }
}
