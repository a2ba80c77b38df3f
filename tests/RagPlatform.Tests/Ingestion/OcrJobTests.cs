using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Storage;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// A long scan indexed as a job would: the run reports "OCR page k of n" for the file while it is being read,
/// and a cancel mid-way stops before the last page, kills the OCR programs and writes no document. Real pipeline,
/// SQLite and Lucene in a temp folder, real pdftoppm and tesseract on an image-only PDF the test makes.
/// </summary>
[Collection(OcrProcesses.Name)]
public sealed class OcrJobTests : IAsyncLifetime
{
    private const string Collection = "scans";
    private const int ScanPages = 4;

    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-ocr-job-").FullName;
    private ServiceProvider _services = null!;
    private string _scanPath = null!;

    public async Task InitializeAsync()
    {
        // Pages rendered at 72 dpi: enough for tesseract to find words, fast enough for four pages on a loaded machine.
        var source = Decoders.SamplePath(ScannedPdfFixture.Source);
        ScannedPdfFixture.Run("pdftoppm", "-r", "72", "-gray", "-f", "2", "-l", "2", "-png", "-singlefile", source, Path.Combine(_folder, "page"));
        var png = await File.ReadAllBytesAsync(Path.Combine(_folder, "page.png"));
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < ScanPages; i++)
        {
            builder.AddPage(612, 792).AddPng(png, new PdfRectangle(0, 0, 612, 792));
        }

        _scanPath = Path.Combine(_folder, "long-scan.pdf");
        await File.WriteAllBytesAsync(_scanPath, builder.Build());
        _services = LibraryServices.Over(Path.Combine(_folder, "data"), new Dictionary<string, string?>
            {
                ["Ingestion:Ocr:Dpi"] = "72",
                ["Ingestion:Ocr:PageTimeout"] = "00:05:00",
                ["Ingestion:DecodeTimeout"] = "00:30:00",
            })
            .BuildServiceProvider();
        await _services.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Each_ocred_page_is_reported_with_its_file_while_the_scan_is_read()
    {
        var progress = new Recorder(_ => { });

        var summary = await Pipeline.IndexAsync(Collection, [new SourceFile("long-scan.pdf", _scanPath)], prune: false, progress, CancellationToken.None);

        Assert.Equal(0, summary.Failed);
        var steps = progress.Reports.Where(r => r.Step is not null).ToList();
        Assert.Equal(Enumerable.Range(1, ScanPages).Select(k => string.Create(CultureInfo.InvariantCulture, $"OCR page {k} of {ScanPages}")), steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.Equal("long-scan.pdf", s.Decoding));
        Assert.All(steps, s => Assert.Equal(0, s.Done));
        // The per-file report comes after the steps, and the document is searchable.
        Assert.Equal("long-scan.pdf", progress.Reports[^1].Current);
        var document = await Store.FindDocumentBySourceAsync(Collection, "long-scan.pdf", CancellationToken.None);
        Assert.Equal(DocumentState.Indexed, document!.State);
    }

    [Fact]
    public async Task Cancelling_mid_scan_stops_before_the_last_page_and_writes_no_document()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(report =>
        {
            if (report.Step == $"OCR page 2 of {ScanPages}")
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Pipeline.IndexAsync(Collection, [new SourceFile("long-scan.pdf", _scanPath)], prune: false, progress, cancel.Token));

        var steps = progress.Reports.Select(r => r.Step).OfType<string>().ToList();
        Assert.Equal(["OCR page 1 of 4", "OCR page 2 of 4"], steps);
        Assert.Null(await Store.FindDocumentBySourceAsync(Collection, "long-scan.pdf", CancellationToken.None));
        Assert.DoesNotContain(OcrChildren(), c => c is "pdftoppm" or "tesseract");
    }

    private IngestionPipeline Pipeline => _services.GetRequiredService<IngestionPipeline>();

    private IMetadataStore Store => _services.GetRequiredService<IMetadataStore>();

    private static List<string> OcrChildren()
    {
        var children = new List<string>();
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (close > 0 && fields.Length > 1 && fields[1] == self)
                {
                    children.Add(stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close]);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // not a process, or one that just ended
            }
        }

        return children;
    }

    /// <summary>Keeps every report, in order, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder(Action<IndexProgress> onReport) : IProgress<IndexProgress>
    {
        private readonly Lock _lock = new();
        private readonly List<IndexProgress> _reports = [];

        public IReadOnlyList<IndexProgress> Reports
        {
            get
            {
                lock (_lock)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(IndexProgress value)
        {
            lock (_lock)
            {
                _reports.Add(value);
            }

            onReport(value);
        }
    }
}

/// <summary>Test classes that start pdftoppm and tesseract and check none is left: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OcrProcesses
{
    public const string Name = "OCR processes";
}
