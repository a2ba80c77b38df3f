using Lucene.Net.Search;

namespace RagPlatform.Search.Lexical;

/// <summary>A built query and the analyzed terms it searches (for highlighting).</summary>
internal sealed record Bm25Query(Query Query, IReadOnlySet<string> Terms);
