using RagPlatform.Core.Retrieval;

namespace RagPlatform.Tests.Answering;

/// <summary>Builds search hits as exact slices of a document text, the way the retriever serves them.</summary>
internal static class Evidence
{
    public static readonly Guid DocumentId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    public static SearchHit Slice(string document, string startsWith, int length, int ordinal = 0, Guid? documentId = null)
    {
        var start = document.IndexOf(startsWith, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{startsWith}' is not in the document");
        var end = Math.Min(document.Length, start + length);
        return Hit(document, start, end, ordinal, documentId);
    }

    public static SearchHit Hit(string document, int start, int end, int ordinal = 0, Guid? documentId = null)
    {
        var id = documentId ?? DocumentId;
        return new SearchHit
        {
            ChunkId = $"{id:N}-{ordinal}",
            DocumentId = id,
            Title = "Hosting Agreement",
            Source = "agreement.txt",
            PageStart = 1,
            PageEnd = 1,
            CharStart = start,
            CharEnd = end,
            Section = string.Empty,
            Text = document[start..end],
            Snippet = string.Empty,
            Score = 1.0 / (1 + ordinal),
            Scores = new HitScores { Bm25 = 1.0 / (1 + ordinal) },
        };
    }

    public const string Contract =
        "LICENSE AND HOSTING AGREEMENT\n\n" +
        "1. Definitions. \"Services\" means the hosting services described in Exhibit A, e.g. backups and monitoring.\n\n" +
        "2. Fees. Customer shall pay the fees set out in Exhibit B within 30 days of each invoice. Late payments bear interest at 1.5 percent per month.\n\n" +
        "3. Term. This Agreement shall commence on the Effective Date and shall expire on December 31, 2027. " +
        "The Agreement may be renewed for successive one-year terms by written notice given at least 90 days before it expires.\n\n" +
        "4. Termination. Either party may terminate this Agreement for material breach upon 30 days written notice, as provided in 17 U.S.C. Sec. 101 et al. and No. 5 of Exhibit C.\n\n" +
        "5. Governing Law. This Agreement is governed by the laws of the State of California.\n";
}
