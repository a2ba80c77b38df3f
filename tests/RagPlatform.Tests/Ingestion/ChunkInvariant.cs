using RagPlatform.Core.Documents;

namespace RagPlatform.Tests.Ingestion;

internal static class ChunkInvariant
{
    /// <summary>Verbatim, trimmed, ordered chunks that together leave only whitespace uncovered.</summary>
    public static void Assert(DocumentText doc, IReadOnlyList<Chunk> chunks, int maxChars)
    {
        var covered = new bool[doc.Text.Length];
        for (var i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            Xunit.Assert.Equal(i, c.Ordinal);
            Xunit.Assert.Equal(Chunk.MakeId(c.DocumentId, i), c.Id);
            Xunit.Assert.Equal(doc.Text.Substring(c.CharStart, c.CharEnd - c.CharStart), c.Text);
            Xunit.Assert.NotEmpty(c.Text);
            Xunit.Assert.False(char.IsWhiteSpace(c.Text[0]), $"chunk {i} starts with whitespace");
            Xunit.Assert.False(char.IsWhiteSpace(c.Text[^1]), $"chunk {i} ends with whitespace");
            Xunit.Assert.True(c.Text.Length <= maxChars, $"chunk {i} has {c.Text.Length} chars");
            Xunit.Assert.Equal(doc.PageAt(c.CharStart), c.PageStart);
            Xunit.Assert.Equal(doc.PageAt(c.CharEnd - 1), c.PageEnd);
            if (i > 0)
            {
                Xunit.Assert.True(c.CharStart > chunks[i - 1].CharStart, "chunks advance");
            }

            for (var k = c.CharStart; k < c.CharEnd; k++)
            {
                covered[k] = true;
            }
        }

        for (var k = 0; k < covered.Length; k++)
        {
            if (!covered[k])
            {
                Xunit.Assert.True(char.IsWhiteSpace(doc.Text[k]), $"non-whitespace at {k} ('{doc.Text[k]}') is in no chunk");
            }
        }
    }
}
