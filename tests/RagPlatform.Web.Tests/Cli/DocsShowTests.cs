using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Web.Tests.Cli;

public sealed class DocsShowTests
{
    [Fact]
    public async Task Docs_show_json_gives_the_section_tree_and_the_papers_title_authors_and_date()
    {
        using var cli = new CliFixture();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "2020.acl-main.447.pdf"), Path.Combine(cli.Inputs, "s2orc.pdf"));
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "papers", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "papers", "--json")).Json[0].GetProperty("id").GetString()!;

        var show = await cli.RunAsync("docs", "show", id, "--json");

        Assert.Equal(0, show.ExitCode);
        var metadata = show.Json.GetProperty("metadata");
        Assert.Equal("S2ORC: The Semantic Scholar Open Research Corpus", metadata.GetProperty("title").GetString());
        Assert.Contains("Kyle Lo", metadata.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Matches(@"^2020-\d\d-\d\d$", metadata.GetProperty("date").GetString());
        var sections = show.Json.GetProperty("sections").EnumerateArray().ToList();
        var processing = Assert.Single(sections, s => s.GetProperty("number").GetString() == "2.1");
        Assert.Equal("Processing PDFs", processing.GetProperty("title").GetString());
        Assert.Equal(2, processing.GetProperty("level").GetInt32());
        Assert.Equal(3, processing.GetProperty("pageStart").GetInt32());
        Assert.True(processing.GetProperty("charEnd").GetInt32() > processing.GetProperty("charStart").GetInt32());
        Assert.Empty(show.Json.GetProperty("ocr").GetProperty("pages").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, show.Json.GetProperty("ocr").GetProperty("meanConfidence").ValueKind);
    }

    [Fact]
    public async Task Docs_show_json_says_which_pages_were_ocred_and_with_what_confidence()
    {
        using var cli = new CliFixture();
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "AILA_2019_Overview_Paper.pdf");
        var info = new ProcessStartInfo("pdftoppm") { UseShellExecute = false };
        foreach (var argument in new[] { "-r", "200", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", sample, Path.Combine(cli.Inputs, "page") })
        {
            info.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(info)!)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        using (var original = PdfDocument.Open(File.ReadAllBytes(sample)))
        {
            // Page 1 has a text layer, page 2 is the image of the paper's page 2: only page 2 is OCRed.
            var bounds = original.GetPage(2).MediaBox.Bounds;
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
            builder.AddPage(bounds.Width, bounds.Height).AddText("A text page before the scanned one.", 12, new PdfPoint(72, bounds.Height - 72), font);
            builder.AddPage(bounds.Width, bounds.Height).AddPng(File.ReadAllBytes(Path.Combine(cli.Inputs, "page.png")), new PdfRectangle(0, 0, bounds.Width, bounds.Height));
            await File.WriteAllBytesAsync(Path.Combine(cli.Inputs, "half-scanned.pdf"), builder.Build());
        }

        File.Delete(Path.Combine(cli.Inputs, "page.png"));
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "scans", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "scans", "--json")).Json[0].GetProperty("id").GetString()!;

        var ocr = (await cli.RunAsync("docs", "show", id, "--json")).Json.GetProperty("ocr");

        Assert.Equal([2], ocr.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()));
        Assert.InRange(ocr.GetProperty("meanConfidence").GetDouble(), 50, 100);
        var page = Assert.Single(ocr.GetProperty("perPage").EnumerateArray());
        Assert.Equal("tesseract", page.GetProperty("engine").GetString());
        Assert.False(page.GetProperty("replacedTextLayer").GetBoolean());
    }
}
