using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// Where PDF decoding spends its time, summed over every decode of the process, when the environment variable
/// <c>RAGP_DECODE_PROFILE</c> is 1 (off otherwise: a disabled phase costs one branch). <c>ragp bench --pdfs</c>
/// prints it; nothing else reads it.
/// </summary>
public static class DecodeProfile
{
    private static readonly string[] s_names = ["open", "page parse", "ocr check", "words and lines", "reading order", "tables", "describe", "furniture", "assemble"];
    private static readonly long[] s_ticks = new long[s_names.Length];

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("RAGP_DECODE_PROFILE") == "1";

    internal enum Phase
    {
        Open,
        PageParse,
        OcrCheck,
        WordsAndLines,
        ReadingOrder,
        Tables,
        Describe,
        Furniture,
        Assemble,
    }

    /// <summary>A timestamp to pass to <see cref="Add"/>; 0 when profiling is off.</summary>
    internal static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="started"/> to <paramref name="phase"/>; returns now, to chain phases.</summary>
    internal static long Add(Phase phase, long started)
    {
        if (!Enabled)
        {
            return 0;
        }

        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref s_ticks[(int)phase], now - started);
        return now;
    }

    /// <summary>Seconds per phase so far, one "name: seconds" a line; empty when profiling is off.</summary>
    public static string Report()
    {
        if (!Enabled)
        {
            return "";
        }

        var text = new StringBuilder();
        for (var i = 0; i < s_names.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s_names[i]}: {(double)Interlocked.Read(ref s_ticks[i]) / Stopwatch.Frequency:0.000} s\n");
        }

        return text.ToString();
    }
}
