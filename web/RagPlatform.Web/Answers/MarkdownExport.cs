using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RagPlatform.Core.Answering.History;

namespace RagPlatform.Web.Answers;

/// <summary>
/// A stored answer as Markdown: the question as heading, the answer with each [n] as the footnote reference [^n], and
/// one footnote per citation, <c>[^n]: Title, p. 3-4: "quote"</c>. A quote's further lines are indented four spaces,
/// so the footnote keeps them and the quote stays verbatim.
/// </summary>
internal static partial class MarkdownExport
{
    public const string ContentType = "text/markdown; charset=utf-8";

    public static string Write(StoredAnswer answer)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(OneLine(answer.Question)).AppendLine();
        text.AppendLine(Marker().Replace(answer.Answer, m => $"[^{m.Groups[1].Value}]")).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"*{answer.Collection} · {answer.Strategy} · {answer.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC*");
        if (answer.Citations.Count > 0)
        {
            text.AppendLine();
        }

        foreach (var citation in answer.Citations.OrderBy(c => c.N))
        {
            var quote = citation.Quote.ReplaceLineEndings("\n").Replace("\n", "\n    ", StringComparison.Ordinal);
            text.AppendLine(CultureInfo.InvariantCulture, $"[^{citation.N}]: {OneLine(CitationNote.Source(citation))}: \"{quote}\"");
        }

        return text.ToString();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
