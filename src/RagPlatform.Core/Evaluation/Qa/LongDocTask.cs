namespace RagPlatform.Core.Evaluation.Qa;

/// <summary>One line of an L-Eval JSONL file: a long document and the questions asked about it.</summary>
/// <param name="Document">The document text (the "input" field).</param>
/// <param name="Questions">Its questions with gold answers.</param>
/// <param name="Source">The "source" field (legal_contract_qa, quality_raw, scientific_qa, ...).</param>
/// <param name="Evaluation">The "evaluation" field ("f1" or "exam").</param>
public sealed record LongDocTask(string Document, IReadOnlyList<LongDocQuestion> Questions, string Source, string Evaluation);
