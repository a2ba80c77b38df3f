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

    /// <summary>The same ranking as <see cref="Search"/>, as ids and scores only (for fusion candidates).</summary>
    IReadOnlyList<LexicalMatch> Match(string collection, string query, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Builds full hits (stored fields and a snippet highlighted for <paramref name="query"/>) for the given chunks, in
    /// the given order; a chunk not in the committed snapshot is left out. <see cref="HitScores.Bm25"/> is not set.
    /// </summary>
    IReadOnlyList<SearchHit> Fetch(string collection, string query, IReadOnlyList<string> chunkIds, bool explain, CancellationToken cancellationToken);
}
