using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagPlatform.UI.Tests;

/// <summary>
/// A hand-written chat client for the generator seam: streams a fixed answer word by word (for the termination
/// question, the notice sentence); while <see cref="Hold"/> is set it streams the first words and then waits until the
/// request is cancelled, recording that it was.
/// </summary>
internal sealed class GatedChatClient : IChatClient
{
    public const string Reply = "This Agreement commences on the Effective Date and continues for three years [1].";
    public const string NoticeReply = "Either party may terminate this Agreement upon ninety days written notice to the other party [1].";
    public const string HeldPrefix = "This Agreement commences";

    /// <summary>Whether the next answers stop after <see cref="HeldPrefix"/> and wait for cancellation.</summary>
    public bool Hold { get; set; }

    /// <summary>Completes when a held answer's request is cancelled.</summary>
    public TaskCompletionSource Cancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset() => Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Non-streaming calls come from the summary-tree walk (its triage prompts), not from the answer: they get an
    /// immediate reply the walk cannot parse, so it goes on by embedding similarity and is never held.
    /// </summary>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "-")));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var asked = string.Concat(messages.Select(m => m.Text));
        var words = (asked.Contains("<question>How can either party terminate", StringComparison.Ordinal) ? NoticeReply : Reply).Split(' ');
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
