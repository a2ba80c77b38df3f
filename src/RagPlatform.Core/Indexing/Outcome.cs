namespace RagPlatform.Core.Indexing;

/// <summary>What happened to one input of an indexing run.</summary>
/// <param name="Kind">Added, updated, unchanged or failed.</param>
/// <param name="Error">Why it failed.</param>
internal readonly record struct Outcome(OutcomeKind Kind, string? Error)
{
    public static Outcome Added => new(OutcomeKind.Added, null);

    public static Outcome Updated => new(OutcomeKind.Updated, null);

    public static Outcome Unchanged => new(OutcomeKind.Unchanged, null);

    public static Outcome Failed(string error) => new(OutcomeKind.Failed, error);
}
