namespace RagPlatform.Core.Indexing;

/// <summary>
/// The store half of an index upsert whose compute half (encoding) already ran: committing it writes and commits the
/// index, as <see cref="IDocumentIndex.UpsertAsync"/> would have. Holds the computed vectors until then.
/// </summary>
public sealed class PreparedWrite(Func<CancellationToken, Task> commit)
{
    /// <summary>Writes the prepared entries and commits the index.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => commit(cancellationToken);
}
