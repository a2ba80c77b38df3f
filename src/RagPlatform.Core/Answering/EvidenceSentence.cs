using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>A sentence of an evidence passage: the passage's index, its range within the passage text, and its terms.</summary>
internal sealed record EvidenceSentence(int Hit, TextRange Range, string Text, IReadOnlyList<string> Terms);
