namespace RagPlatform.Core.Answering;

/// <summary>
/// One citation (CONTRACT.md Citation). Invariant: <see cref="Quote"/> equals the document's normalized text at
/// [<see cref="CharStart"/>, <see cref="CharEnd"/>).
/// </summary>
/// <param name="N">Its number, as written [n] in the answer.</param>
/// <param name="ChunkId">Chunk the quote lies in.</param>
/// <param name="DocumentId">Document id.</param>
/// <param name="Title">Document title.</param>
/// <param name="PageStart">First page of the quote's chunk.</param>
/// <param name="PageEnd">Last page of the quote's chunk.</param>
/// <param name="CharStart">Start offset of the quote in the normalized text.</param>
/// <param name="CharEnd">End offset (exclusive).</param>
/// <param name="Quote">The quoted text, verbatim.</param>
public sealed record Citation(
    int N,
    string ChunkId,
    Guid DocumentId,
    string Title,
    int PageStart,
    int PageEnd,
    int CharStart,
    int CharEnd,
    string Quote);
