namespace RagPlatform.Core.Evaluation;

/// <summary>One BEIR corpus document.</summary>
/// <param name="Id">The corpus id (<c>_id</c>).</param>
/// <param name="Title">Title, possibly empty.</param>
/// <param name="Text">Body text.</param>
public sealed record BeirDocument(string Id, string Title, string Text);
