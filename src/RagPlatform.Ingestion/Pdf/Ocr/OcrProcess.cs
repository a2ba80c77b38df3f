using System.ComponentModel;
using System.Diagnostics;

namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// Runs one OCR program to completion: arguments passed as a list (no shell), one OpenMP thread and below-normal
/// priority so a scan does not starve the rest of the machine, killed on timeout or cancellation.
/// </summary>
internal static class OcrProcess
{
    /// <summary>How long a killed program may take to go.</summary>
    private static readonly TimeSpan s_killGrace = TimeSpan.FromSeconds(10);

    /// <summary>The program's exit code and output; throws <see cref="OcrException"/> when it is missing or runs too long.</summary>
    public static ProcessOutput Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, string packages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Tesseract's OpenMP would take every core for one page; pages are better spread over documents.
        info.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new OcrException($"'{program}' was not found (install the Debian packages {packages})", isUnavailable: true, inner: ex);
        }

        process.StandardInput.Close();
        LowerPriority(process);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using (cancellationToken.Register(() => Kill(process)))
        {
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                process.WaitForExit(s_killGrace);
                cancellationToken.ThrowIfCancellationRequested();
                throw new OcrException($"{Path.GetFileName(program)} ran past the page's OCR time limit (Ingestion:Ocr:PageTimeout)", isTransient: true);
            }

            process.WaitForExit();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessOutput(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // It exited between the check and the kill, or cannot be signalled: this runs in a cancellation callback,
            // where a throw would reach whoever cancelled; the caller's bounded wait still ends.
        }
    }

    private static void LowerPriority(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            // Best effort: a program that already exited, or a host that forbids renicing, still runs correctly.
        }
    }
}
