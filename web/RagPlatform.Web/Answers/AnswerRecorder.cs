using RagPlatform.Core.Answering;
using RagPlatform.Core.Answering.History;

namespace RagPlatform.Web.Answers;

/// <summary>Keeps every question answered through the API or the ask page in the history, and gives the answer its id.</summary>
internal sealed class AnswerRecorder(IAnswerHistory history, TimeProvider time)
{
    public async Task<Answer> RecordAsync(AskRequest request, Answer answer, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await history.SaveAsync(StoredAnswer.From(id, request.Collection, request.Scope, time.GetUtcNow(), answer), cancellationToken);
        return answer with { Id = id };
    }

    /// <summary>The answer stream with its final answer recorded (and carrying the id) before it is passed on.</summary>
    public async IAsyncEnumerable<AnswerUpdate> RecordAsync(
        AskRequest request, IAsyncEnumerable<AnswerUpdate> updates, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            yield return update.Answer is { } answer
                ? update with { Answer = await RecordAsync(request, answer, cancellationToken) }
                : update;
        }
    }
}
