using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagPlatform.UI.Tests;

/// <summary>
/// A hand-written chat client for the generator seam: streams a fixed answer word by word; while <see cref="Hold"/> is
/// set it streams the first words and then waits until the request is cancelled, recording that it was.
/// </summary>
internal sealed class GatedChatClient : IChatClient
{
    public const string Reply = "This Agreement commences on the Effective Date and continues for three years [1].";
    public const string HeldPrefix = "This Agreement commences";

    /// <summary>Whether the next answers stop after <see cref="HeldPrefix"/> and wait for cancellation.</summary>
    public bool Hold { get; set; }

    /// <summary>Completes when a held answer's request is cancelled.</summary>
    public TaskCompletionSource Cancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset() => Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        var words = Reply.Split(' ');
        var count = Hold ? HeldPrefix.Split(' ').Length : words.Length;
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
        }

        if (Hold)
        {
            var cancelled = Cancelled;
            using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
