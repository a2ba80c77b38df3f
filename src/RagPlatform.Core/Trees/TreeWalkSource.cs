using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Everything one tree walk reads about its document, from one database snapshot (so the text, the tree and the
/// chunks belong to the same version): the record, the normalized text, the tree (null without one) and the chunks.
/// </summary>
public sealed record TreeWalkSource(DocumentInfo Info, string Text, SummaryTree? Tree, IReadOnlyList<Chunk> Chunks);
