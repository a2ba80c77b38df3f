using Lucene.Net.Search;

namespace RagPlatform.Search.Lexical;

/// <summary>
/// A plain-text query after analysis: the Lucene query (null when no term is searchable), its distinct terms (for
/// snippets) and the snippet length.
/// </summary>
internal sealed record AnalyzedQuery(Query? Query, IReadOnlySet<string> Terms, int SnippetChars);
