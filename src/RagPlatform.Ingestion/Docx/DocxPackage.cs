using System.IO.Compression;
using System.Xml;
using RagPlatform.Core.Errors;
using RagPlatform.Ingestion.Archives;

namespace RagPlatform.Ingestion.Docx;

/// <summary>
/// The parts of a DOCX, read straight from the ZIP: relationships resolve the main document, its styles and the core
/// properties. Every part is opened through the <see cref="InflateBudget"/> and read with a streaming, DTD-free
/// XmlReader, so no part is ever held whole in memory.
/// </summary>
internal sealed class DocxPackage(ZipArchive archive, InflateBudget budget)
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        CloseInput = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public InflateBudget Budget => budget;

    /// <summary>The main document part's name, from the package relationships ("word/document.xml").</summary>
    public string MainPartName()
    {
        var target = Relationships("_rels/.rels", string.Empty).FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target;
        return target is not null && archive.GetEntry(target) is not null
            ? target
            : throw new DocumentFormatException("not a DOCX file: it has no main document part");
    }

    /// <summary>The target of the first relationship of <paramref name="part"/> whose type ends with <paramref name="typeSuffix"/>.</summary>
    public string? Related(string part, string typeSuffix)
    {
        var folder = part.Contains('/', StringComparison.Ordinal) ? part[..(part.LastIndexOf('/') + 1)] : string.Empty;
        var rels = $"{folder}_rels/{part[folder.Length..]}.rels";
        var target = Relationships(rels, folder).FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)).Target;
        return target is not null && archive.GetEntry(target) is not null ? target : null;
    }

    /// <summary>A streaming reader over a part, bounded by the inflate budget; null when the part is missing.</summary>
    public XmlReader? Open(string? part)
    {
        var entry = part is null ? null : archive.GetEntry(part);
        return entry is null ? null : XmlReader.Create(budget.Open(entry), s_settings);
    }

    private List<(string Type, string Target)> Relationships(string relsPart, string baseFolder)
    {
        var list = new List<(string, string)>();
        using var reader = Open(relsPart);
        if (reader is null)
        {
            return list;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("TargetMode") is not "External"
                && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target)
            {
                list.Add((type, Resolve(baseFolder, target)));
            }
        }

        return list;
    }

    /// <summary>A relationship target as a ZIP entry name: absolute ("/word/x.xml") or relative to the source's folder, with ".." folded.</summary>
    private static string Resolve(string baseFolder, string target)
    {
        var combined = target.StartsWith('/') ? target[1..] : baseFolder + target;
        var parts = new List<string>();
        foreach (var segment in Uri.UnescapeDataString(combined).Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }
}
