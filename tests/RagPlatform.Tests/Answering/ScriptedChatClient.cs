using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagPlatform.Tests.Answering;

/// <summary>A hand-written chat client for our generator seam: streams scripted pieces, records what it was sent.</summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, IEnumerable<string>> script) : IChatClient
{
    public List<ChatMessage> Received { get; } = [];

    /// <summary>Thrown after the scripted pieces, to simulate a connection dropped mid-answer.</summary>
    public Exception? FailAfterScript { get; init; }

    /// <summary>Waits (until cancelled) before the first piece, to simulate a model that never answers.</summary>
    public bool Hang { get; init; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Received.AddRange(messages);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        foreach (var piece in script(Received))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }

        if (FailAfterScript is not null)
        {
            throw FailAfterScript;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
