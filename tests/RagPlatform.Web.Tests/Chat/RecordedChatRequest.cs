namespace RagPlatform.Web.Tests.Chat;

/// <summary>What the loopback chat server received: the model, whether it streams, the messages, the auth header.</summary>
public sealed record RecordedChatRequest(string Path, string? Model, bool Stream, IReadOnlyList<RecordedChatMessage> Messages, string? Authorization)
{
    /// <summary>The text of the first user message (question and passages).</summary>
    public string UserText => Messages.First(m => m.Role == "user").Content;
}

/// <summary>One message as the server received it.</summary>
public sealed record RecordedChatMessage(string Role, string Content);
