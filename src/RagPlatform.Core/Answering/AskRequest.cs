namespace RagPlatform.Core.Answering;

/// <summary>A question as asked by a user (CONTRACT.md POST /api/ask body).</summary>
/// <param name="Question">The question.</param>
/// <param name="Collection">Collection to answer from.</param>
/// <param name="Top">Number of evidence passages; null for the configured default.</param>
/// <param name="Strategy">passages, map-reduce, tree or auto; null for auto.</param>
/// <param name="DocumentId">Restricts the answer to one document (map-reduce reads all of its chunks).</param>
public sealed record AskRequest(string Question, string Collection, int? Top = null, string? Strategy = null, Guid? DocumentId = null);
