namespace RagPlatform.Core.Retrieval;

/// <summary>Seam to the lexical (BM25) engine: searches one collection's committed snapshot.</summary>
public interface ILexicalSearcher
{
    /// <summary>
    /// Ranks the chunks of <paramref name="collection"/> against the plain-text <paramref name="query"/> by BM25.
    /// Each hit carries <see cref="HitScores.Bm25"/> and a highlighted snippet. A collection with no index yet gives
    /// no hits. A query with no searchable term gives no hits.
    /// </summary>
    IReadOnlyList<SearchHit> Search(string collection, string query, int top, bool explain, CancellationToken cancellationToken);
}
