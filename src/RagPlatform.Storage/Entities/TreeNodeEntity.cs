using System.Runtime.InteropServices;
using System.Text.Json;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Trees;

namespace RagPlatform.Storage.Entities;

/// <summary>One node of a document's summary tree; the vector is stored as little-endian float32 bytes.</summary>
public sealed class TreeNodeEntity
{
    public Guid DocumentId { get; set; }

    public int NodeId { get; set; }

    public int? ParentId { get; set; }

    public int Level { get; set; }

    public int CharStart { get; set; }

    public int CharEnd { get; set; }

    public int PageStart { get; set; }

    public int PageEnd { get; set; }

    public required string Summary { get; set; }

    /// <summary>JSON array of [start, end] pairs: the source span of each summary sentence.</summary>
    public required string SummarySpans { get; set; }

    public required byte[] Vector { get; set; }

    public static TreeNodeEntity From(Guid documentId, SummaryNode node) => new()
    {
        DocumentId = documentId,
        NodeId = node.Id,
        ParentId = node.ParentId,
        Level = node.Level,
        CharStart = node.CharStart,
        CharEnd = node.CharEnd,
        PageStart = node.PageStart,
        PageEnd = node.PageEnd,
        Summary = node.Summary,
        SummarySpans = JsonSerializer.Serialize<IReadOnlyList<int[]>>([.. node.SummarySpans.Select(s => new[] { s.Start, s.End })], StorageJson.Default.IReadOnlyListInt32Array),
        Vector = MemoryMarshal.AsBytes(node.Vector.AsSpan()).ToArray(),
    };

    public SummaryNode ToNode()
    {
        var spans = JsonSerializer.Deserialize(SummarySpans, StorageJson.Default.IReadOnlyListInt32Array) ?? [];
        return new SummaryNode(
            NodeId, ParentId, Level, CharStart, CharEnd, PageStart, PageEnd, Summary,
            [.. spans.Select(s => new CharSpan(s[0], s[1]))], MemoryMarshal.Cast<byte, float>(Vector).ToArray());
    }
}
