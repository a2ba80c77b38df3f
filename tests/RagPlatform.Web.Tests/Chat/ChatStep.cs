namespace RagPlatform.Web.Tests.Chat;

/// <summary>One thing the loopback chat server does while answering a streamed request.</summary>
public sealed record ChatStep(ChatStepKind Kind, string? Text = null, Task? Gate = null)
{
    /// <summary>A chunk whose delta holds this content.</summary>
    public static ChatStep Token(string text) => new(ChatStepKind.Token, text);

    /// <summary>The final chunk (finish_reason "stop") and <c>data: [DONE]</c>.</summary>
    public static ChatStep Finish() => new(ChatStepKind.Finish);

    /// <summary>A line written as is (for malformed chunks).</summary>
    public static ChatStep Raw(string line) => new(ChatStepKind.Raw, line);

    /// <summary>Waits for the gate before the next step (the test opens it once it saw what came before).</summary>
    public static ChatStep WaitFor(Task gate) => new(ChatStepKind.Wait, Gate: gate);

    /// <summary>Sends nothing more until the client gives up.</summary>
    public static ChatStep Hang() => new(ChatStepKind.Hang);

    /// <summary>Resets the connection mid-stream.</summary>
    public static ChatStep Abort() => new(ChatStepKind.Abort);
}

public enum ChatStepKind
{
    Token,
    Finish,
    Raw,
    Wait,
    Hang,
    Abort,
}
