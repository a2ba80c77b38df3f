using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Web.Tests.Api;

/// <summary>A scanned PDF through the server: uploaded, OCRed, searched, and its hit highlighted with boxes on the page.</summary>
public sealed class OcrApiTests : IAsyncLifetime
{
    private const string Source = "AILA_2019_Overview_Paper.pdf";
    private const int SourcePage = 2;
    private const string Phrase = "Precedent Retrieval";

    private readonly RagWebFactory _factory = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-ocr-web-").FullName;
    private HttpClient _client = null!;

    [Fact]
    public async Task A_scanned_pdf_is_indexed_by_ocr_and_its_hits_are_highlighted_on_the_scanned_words()
    {
        var (scan, width, height) = Scan();
        var accepted = await ApiClient.UploadAsync(_client, "scans", ("scanned-aila.pdf", scan));
        var job = await ApiClient.WaitForJobAsync(_client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());

        var document = Assert.Single((await ApiClient.GetJsonAsync(_client, "/api/collections/scans/documents")).EnumerateArray());
        Assert.Equal("Indexed", document.GetProperty("state").GetString());
        Assert.Matches(@"^page 1 was OCRed \(tesseract, mean confidence \d+%\)$", Assert.Single(document.GetProperty("warnings").EnumerateArray()).GetString());

        var hits = (await ApiClient.GetJsonAsync(_client, "/api/search?q=precedent%20retrieval&collection=scans&top=5")).GetProperty("hits").EnumerateArray();
        var hit = hits.First(h => h.GetProperty("text").GetString()!.Contains(Phrase, StringComparison.Ordinal));
        Assert.Equal(1, hit.GetProperty("pageStart").GetInt32());
        var start = hit.GetProperty("charStart").GetInt32() + hit.GetProperty("text").GetString()!.IndexOf(Phrase, StringComparison.Ordinal);
        var id = hit.GetProperty("documentId").GetString();

        var boxes = await ApiClient.GetJsonAsync(_client, $"/api/documents/{id}/boxes?start={start}&end={start + Phrase.Length}");

        var page = Assert.Single(boxes.GetProperty("pages").EnumerateArray());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        var rect = Assert.Single(page.GetProperty("rects").EnumerateArray());
        var (x, y, w, h) = (rect.GetProperty("x").GetDouble(), rect.GetProperty("y").GetDouble(), rect.GetProperty("width").GetDouble(), rect.GetProperty("height").GetDouble());
        Assert.True(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height, $"({x}, {y}, {w}, {h}) is off the page");
        // The scan is the original page at the same size: the highlight must cover the phrase's glyphs there.
        using var original = PdfDocument.Open(File.ReadAllBytes(SamplePath()));
        var words = original.GetPage(SourcePage).GetWords().ToList();
        var first = Enumerable.Range(0, words.Count - 1).Single(i =>
            words[i].Text.Contains("Precedent", StringComparison.Ordinal) && words[i + 1].Text.StartsWith("Retrieval", StringComparison.Ordinal));
        var p = words[first].Letters.First(c => c.Value == "P").BoundingBox;
        var l = words[first + 1].Letters.Last(c => c.Value == "l").BoundingBox;
        // Characters share their OCR word's box evenly, so the ends are within a few points of the glyphs.
        Assert.InRange(x, p.Left - 4, p.Left + 4);
        Assert.InRange(x + w, l.Right - 4, l.Right + 4);
        Assert.InRange(y + (h / 2), p.Bottom, p.Top);
    }

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static string SamplePath() => Path.Combine(AppContext.BaseDirectory, "samples", Source);

    /// <summary>The sample's page rendered by pdftoppm at 300 dpi, as the only content of a PDF page of the same size.</summary>
    private (byte[] Pdf, double Width, double Height) Scan()
    {
        var info = new ProcessStartInfo("pdftoppm") { UseShellExecute = false };
        foreach (var argument in new[] { "-r", "300", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", SamplePath(), Path.Combine(_folder, "page") })
        {
            info.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(info)!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        using var original = PdfDocument.Open(File.ReadAllBytes(SamplePath()));
        var bounds = original.GetPage(SourcePage).MediaBox.Bounds;
        var builder = new PdfDocumentBuilder();
        builder.AddPage(bounds.Width, bounds.Height).AddPng(File.ReadAllBytes(Path.Combine(_folder, "page.png")), new PdfRectangle(0, 0, bounds.Width, bounds.Height));
        return (builder.Build(), bounds.Width, bounds.Height);
    }
}
