using System.Diagnostics;

namespace RagPlatform.Indexer.Benchmarks;

/// <summary>poppler's pdftotext as the reference decoding of the PDF bench; null when it is not on the machine.</summary>
internal sealed record PdfToText(string Text, double Seconds)
{
    public static async Task<PdfToText?> RunAsync(string pdf, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-enc", "UTF-8", pdf, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        Process? process;
        var clock = Stopwatch.StartNew();
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? new PdfToText(text, clock.Elapsed.TotalSeconds) : null;
        }
    }
}
