namespace RagPlatform.Core.Evaluation;

/// <summary>One BEIR query.</summary>
/// <param name="Id">The query id.</param>
/// <param name="Text">The query text.</param>
public sealed record BeirQuery(string Id, string Text);
