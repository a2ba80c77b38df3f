namespace RagPlatform.Generation.Runtime;

/// <summary>A prompt plus generated tokens would not fit the configured context budget (KV capacity).</summary>
public sealed class ContextBudgetExceededException(int needed, int capacity)
    : InvalidOperationException($"The sequence needs {needed} tokens of context but the budget is {capacity}; raise ContextTokens or shorten the prompt.")
{
    public int Needed { get; } = needed;

    public int Capacity { get; } = capacity;
}
