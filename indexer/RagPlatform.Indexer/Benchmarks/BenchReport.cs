namespace RagPlatform.Indexer.Benchmarks;

/// <summary>What <c>ragp bench</c> prints; the figures go to docs/BENCHMARKS.md.</summary>
internal sealed record BenchReport
{
    public required string Machine { get; init; }

    public required DateTimeOffset Date { get; init; }

    public PdfBench? Pdf { get; init; }

    public QueryBench? Bm25 { get; init; }

    public EmbedBench? Embed { get; init; }

    public AskBench? Ask { get; init; }

    public StageBench? Query { get; init; }
}
