namespace RagPlatform.Indexer.Benchmarks;

/// <summary>
/// PDF ingestion: decode only on one core, against pdftotext on the same files when it is on the machine; the text's
/// unknown words per 1,000 (neither in the word list nor in pdftotext's text); titles and sections per file; then,
/// unless --decode-only, end to end (decode, chunk, DB, BM25, vectors).
/// </summary>
internal sealed record PdfBench(
    int Files,
    int DecodedPages,
    double DecodeSeconds,
    double DecodePagesPerSecondPerCore,
    double? PdftotextPagesPerSecondPerCore,
    double? UnknownWordsPerThousand,
    int Words,
    int UnknownWords,
    IReadOnlyList<PdfFileBench> PerFile,
    PdfEndToEnd? EndToEnd);

/// <summary>One file of the PDF bench: its pages, title, sections (the first few), unknown words and examples.</summary>
internal sealed record PdfFileBench(
    string File,
    int Pages,
    string? Title,
    int SectionCount,
    IReadOnlyList<string> Sections,
    double? UnknownWordsPerThousand,
    IReadOnlyList<string> UnknownExamples,
    int Warnings)
{
    /// <summary>Tables found (each its own chunk), with their captions' first words.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>Pieces of page furniture kept out of the body (headers, footers, page numbers, line numbers, stamps).</summary>
    public int Furniture { get; init; }
}

/// <summary>The end-to-end run of the PDF bench.</summary>
internal sealed record PdfEndToEnd(
    int IndexedPages,
    int Chunks,
    int Failed,
    int Cores,
    double Seconds,
    double PagesPerSecond,
    double PagesPerSecondPerCore);
