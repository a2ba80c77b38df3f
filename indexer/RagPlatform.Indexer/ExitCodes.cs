namespace RagPlatform.Indexer;

/// <summary>Exit codes of every verb (CONTRACT.md).</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int SomeInputsFailed = 1;
    public const int CouldNotRun = 2;
}
