namespace RagPlatform.Core.Indexing;

/// <summary>A batch on its way to the writer, with each index's prepared write (in index order) when it was encoded ahead.</summary>
internal sealed record WriteBatch(List<PreparedInput> Inputs, PreparedWrite[]? Writes);
