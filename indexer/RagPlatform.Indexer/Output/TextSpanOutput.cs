namespace RagPlatform.Indexer.Output;

/// <summary>The <c>docs text --json</c> shape.</summary>
internal sealed record TextSpanOutput(Guid DocumentId, int Start, int End, string Text);
