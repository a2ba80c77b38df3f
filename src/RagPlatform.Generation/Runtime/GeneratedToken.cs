namespace RagPlatform.Generation.Runtime;

/// <summary>One streamed token: its id and the text it completes (may be empty while a multi-token character is pending).</summary>
public sealed record GeneratedToken(int Id, string Text);
