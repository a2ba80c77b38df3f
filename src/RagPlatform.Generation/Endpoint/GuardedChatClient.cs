using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Errors;

namespace RagPlatform.Generation.Endpoint;

/// <summary>
/// Puts the endpoint's time limits on a chat client: the whole request, the first streamed text, and the gap between
/// streamed updates; and refuses a stream that ended without a finish reason (a server that closed the connection
/// mid-answer). Each becomes a <see cref="ChatModelException"/> saying which, so the answerer can fall back and say why.
/// The caller's own cancellation passes through unchanged.
/// </summary>
internal sealed class GuardedChatClient(IChatClient inner, ChatEndpointOptions endpoint, TimeProvider time, ILogger logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var whole = new CancellationTokenSource(TimeSpan.FromSeconds(endpoint.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, whole.Token);
        try
        {
            return await base.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"the chat endpoint did not answer within {endpoint.TimeoutSeconds} s", e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var whole = new CancellationTokenSource(TimeSpan.FromSeconds(endpoint.TimeoutSeconds), time);
        using var step = new CancellationTokenSource(TimeSpan.FromSeconds(endpoint.FirstTokenTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, whole.Token, step.Token);
        var stream = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        var sawText = false;
        var finished = false;
        try
        {
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && !finished)
                {
                    throw Fail(
                        whole.IsCancellationRequested ? $"the chat endpoint did not finish within {endpoint.TimeoutSeconds} s"
                        : !step.IsCancellationRequested ? "the chat endpoint's request timed out"
                        : sawText ? $"the chat endpoint's stream stalled for more than {endpoint.IdleTimeoutSeconds} s"
                        : $"the chat endpoint sent no text within {endpoint.FirstTokenTimeoutSeconds} s",
                        e);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The model had finished; the server only kept the connection open.
                    break;
                }

                var update = stream.Current;
                finished |= update.FinishReason is not null;
                if (!string.IsNullOrEmpty(update.Text))
                {
                    sawText = true;
                }

                // Before the first text the first-token limit keeps running; after it, each update restarts the idle limit.
                if (sawText)
                {
                    step.CancelAfter(TimeSpan.FromSeconds(endpoint.IdleTimeoutSeconds));
                }

                yield return update;
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        if (!finished)
        {
            throw Fail("the chat endpoint's stream ended before the model finished (no finish reason)", null);
        }
    }

    private ChatModelException Fail(string reason, Exception? inner)
    {
        Log.ChatFailed(logger, reason);
        return new ChatModelException(reason, inner);
    }
}
