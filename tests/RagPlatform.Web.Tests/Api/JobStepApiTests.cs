using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Core.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// A long scan's OCR shows through the job API: while the upload's job runs, GET /api/jobs/{id} names the file being
/// decoded and its step ("OCR page k of n"); the step is gone once the job has ended.
/// </summary>
public sealed class JobStepApiTests : IAsyncLifetime
{
    private const string Collection = "ocr-steps";
    private const string FileName = "two-page-scan.pdf";
    private const int Pages = 2;

    private readonly RagWebFactory _factory = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-job-steps-").FullName;
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivityListener? _listener;
    private int _heldOnce;
    private HttpClient _client = null!;

    [Fact]
    public async Task A_running_ocr_job_reports_its_page_step_and_ends_indexed()
    {
        var scan = Scan();
        // The first OCR page of this collection's job waits (on its own thread, inside the decode) until the test has
        // read the step from the API: the step is reported just before that page's "ocr" span starts.
        _listener = HoldFirstOcrPage();
        try
        {
            var accepted = await ApiClient.UploadAsync(_client, Collection, (FileName, scan));
            var jobId = accepted.GetProperty("jobId").GetString()!;

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _held.Task.WaitAsync(timeout.Token);
            JsonElement running;
            while (true)
            {
                running = await _client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}", ApiClient.Json, timeout.Token);
                if (running.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    break;
                }

                // The progress writer writes the step on its own thread; read again shortly (bounded by the timeout).
                await Task.Delay(50, timeout.Token);
            }

            Assert.Equal("Running", running.GetProperty("state").GetString());
            Assert.Matches($@"^OCR page [1-{Pages}] of {Pages}$", running.GetProperty("step").GetString());
            Assert.EndsWith(FileName, running.GetProperty("current").GetString(), StringComparison.Ordinal);

            // The jobs list carries the same fields.
            var listed = (await ApiClient.GetJsonAsync(_client, "/api/jobs")).EnumerateArray().Single(j => j.GetProperty("id").GetString() == jobId);
            Assert.True(listed.TryGetProperty("step", out _), "the jobs list has no step field");

            _release.Set();
            var job = await ApiClient.WaitForJobAsync(_client, jobId);
            Assert.Equal("Succeeded", job.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, job.GetProperty("step").ValueKind);
            Assert.Equal(JsonValueKind.Null, job.GetProperty("current").ValueKind);

            var document = Assert.Single((await ApiClient.GetJsonAsync(_client, $"/api/collections/{Collection}/documents")).EnumerateArray());
            Assert.Equal("Indexed", document.GetProperty("state").GetString());
            Assert.Equal(Pages, document.GetProperty("warnings").EnumerateArray().Count(w => w.GetString()!.Contains("was OCRed", StringComparison.Ordinal)));
        }
        finally
        {
            _release.Set();
        }
    }

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _release.Set();
        _listener?.Dispose();
        _client.Dispose();
        _factory.Dispose();
        _release.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Blocks the first "ocr" span under a job of <see cref="Collection"/> until <see cref="_release"/> is set.</summary>
    private ActivityListener HoldFirstOcrPage()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RagActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Name is "job" or "ocr" ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (activity.OperationName != "ocr" || !UnderOurJob(activity) || Interlocked.Exchange(ref _heldOnce, 1) != 0)
                {
                    return;
                }

                _held.TrySetResult();
                // Bounded so a failed test cannot leave the server's worker blocked for good.
                _release.Wait(TimeSpan.FromMinutes(2));
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static bool UnderOurJob(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
        {
            if (a.OperationName == "job")
            {
                return a.GetTagItem("collection") as string == Collection;
            }
        }

        return false;
    }

    /// <summary>Two pages of a sample rendered by pdftoppm, each the only content (an image) of a PDF page of the same size.</summary>
    private byte[] Scan()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "AILA_2019_Overview_Paper.pdf");
        var info = new ProcessStartInfo("pdftoppm") { UseShellExecute = false };
        foreach (var argument in new[] { "-r", "150", "-gray", "-f", "1", "-l", $"{Pages}", "-png", sample, Path.Combine(_folder, "page") })
        {
            info.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(info)!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        using var original = PdfDocument.Open(File.ReadAllBytes(sample));
        var builder = new PdfDocumentBuilder();
        var images = Directory.GetFiles(_folder, "page*.png").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Pages, images.Count);
        for (var i = 0; i < Pages; i++)
        {
            var bounds = original.GetPage(i + 1).MediaBox.Bounds;
            builder.AddPage(bounds.Width, bounds.Height).AddPng(File.ReadAllBytes(images[i]), new PdfRectangle(0, 0, bounds.Width, bounds.Height));
        }

        return builder.Build();
    }
}
