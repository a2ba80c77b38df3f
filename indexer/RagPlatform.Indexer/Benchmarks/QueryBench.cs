namespace RagPlatform.Indexer.Benchmarks;

/// <summary>BM25 query latency (top 100) over a BEIR folder's test queries, in milliseconds.</summary>
internal sealed record QueryBench(int Docs, int Chunks, double IndexSeconds, int Queries, double P50Ms, double P95Ms);
