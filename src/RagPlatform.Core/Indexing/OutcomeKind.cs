namespace RagPlatform.Core.Indexing;

/// <summary>Kinds of <see cref="Outcome"/>.</summary>
internal enum OutcomeKind
{
    Added,
    Updated,
    Unchanged,
    Failed,
}
