namespace RagPlatform.Core.Errors;

/// <summary>A prompt plus generated tokens would not fit the configured context budget (KV capacity).</summary>
public sealed class ContextBudgetExceededException : RagPlatformException
{
    /// <summary>Creates the exception for a sequence of <paramref name="needed"/> tokens and a budget of <paramref name="capacity"/>.</summary>
    public ContextBudgetExceededException(int needed, int capacity)
        : base($"The sequence needs {needed} tokens of context but the budget is {capacity}; raise ContextTokens or shorten the prompt.")
    {
        Needed = needed;
        Capacity = capacity;
    }

    /// <summary>Tokens of context the sequence needs.</summary>
    public int Needed { get; }

    /// <summary>Tokens of context the budget holds.</summary>
    public int Capacity { get; }
}
