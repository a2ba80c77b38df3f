using System.Globalization;
using System.Text.RegularExpressions;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>Reads the CLI's progress lines ("progress: 40%  4/10 docs  12 pages  80 chunks  ETA 0:12").</summary>
internal static partial class ProgressLine
{
    /// <summary>The documents done so far, or null when the line is not an index progress line with counts.</summary>
    public static int? DocumentsDone(string? line) =>
        line is not null && line.StartsWith("progress: ", StringComparison.Ordinal) && DocsPattern().Match(line) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"\b(\d+)/\d+ docs\b")]
    private static partial Regex DocsPattern();
}
