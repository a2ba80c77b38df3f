namespace RagPlatform.Core.Answering.History;

/// <summary>One line of a collection's question history (GET /api/answers).</summary>
/// <param name="Id">The stored answer's id.</param>
/// <param name="Collection">The collection.</param>
/// <param name="Question">The question.</param>
/// <param name="Strategy">The strategy that ran.</param>
/// <param name="CreatedAt">When it was answered.</param>
/// <param name="Supported">Whether every sentence holds a verified citation.</param>
/// <param name="Citations">How many citations the answer has.</param>
/// <param name="TookMs">Time the answer took, in milliseconds.</param>
public sealed record AnswerSummary(Guid Id, string Collection, string Question, string Strategy, DateTimeOffset CreatedAt, bool Supported, int Citations, double TookMs);
