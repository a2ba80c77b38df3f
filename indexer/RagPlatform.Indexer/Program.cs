namespace RagPlatform.Indexer;

internal static class Program
{
    public static int Main() => 0;
}
