namespace RagPlatform.Core.Answering.History;

/// <summary>Seam to the metadata database for answered questions (EF Core in RagPlatform.Storage). Each method is one transaction.</summary>
public interface IAnswerHistory
{
    /// <summary>Stores an answered question.</summary>
    Task SaveAsync(StoredAnswer answer, CancellationToken cancellationToken);

    /// <summary>The collection's answered questions, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AnswerSummary>> ListAsync(string collection, int limit, CancellationToken cancellationToken);

    /// <summary>The stored answer, or null.</summary>
    Task<StoredAnswer?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes the stored answer; false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}
