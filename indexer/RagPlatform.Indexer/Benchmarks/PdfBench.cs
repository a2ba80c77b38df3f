namespace RagPlatform.Indexer.Benchmarks;

/// <summary>PDF ingestion throughput: decode only on one core, then end to end (decode, chunk, DB, BM25).</summary>
internal sealed record PdfBench(
    int Files,
    int DecodedPages,
    double DecodeSeconds,
    double DecodePagesPerSecondPerCore,
    int IndexedPages,
    int Chunks,
    int Failed,
    int Cores,
    double EndToEndSeconds,
    double EndToEndPagesPerSecond,
    double EndToEndPagesPerSecondPerCore);
