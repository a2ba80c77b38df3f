namespace RagPlatform.Core.Answering;

/// <summary>A question as asked by a user (CONTRACT.md POST /api/ask body).</summary>
/// <param name="Question">The question.</param>
/// <param name="Collection">Collection to answer from.</param>
/// <param name="Top">Number of evidence passages; null for the configured default.</param>
/// <param name="Strategy">passages, map-reduce, tree or auto; null for auto.</param>
/// <param name="DocumentId">Restricts the answer to one document (map-reduce reads all of its chunks).</param>
/// <param name="DocumentIds">Restricts the answer to these documents (with <paramref name="DocumentId"/>, to all of them);
/// map-reduce reads all chunks of each.</param>
public sealed record AskRequest(string Question, string Collection, int? Top = null, string? Strategy = null, Guid? DocumentId = null, IReadOnlyList<Guid>? DocumentIds = null)
{
    /// <summary>Every document the question is scoped to, without repeats; empty for the whole collection.</summary>
    public IReadOnlyList<Guid> Scope => [.. (DocumentId is { } one ? [one] : Array.Empty<Guid>()).Concat(DocumentIds ?? []).Distinct()];
}
