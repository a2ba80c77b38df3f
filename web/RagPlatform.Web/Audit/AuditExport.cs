using System.Globalization;
using System.Text;
using RagPlatform.Storage;

namespace RagPlatform.Web.Audit;

/// <summary>The audit trail as CSV (RFC 4180, one header line) for a spreadsheet.</summary>
internal static class AuditExport
{
    public const string CsvHeader = "at,actor,action,collection,documentId,text,detail";

    public static string ToCsv(IEnumerable<AuditRecord> records)
    {
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var r in records)
        {
            csv.AppendJoin(',',
                    r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Cell(r.Actor), Cell(r.Action), Cell(r.Collection),
                    r.DocumentId?.ToString() ?? string.Empty, Cell(r.Text), Cell(r.Detail))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    // Quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused so a spreadsheet does not
    // run a question typed as a formula.
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
