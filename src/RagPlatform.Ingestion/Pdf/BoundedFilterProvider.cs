using System.Buffers;
using System.IO.Compression;
using RagPlatform.Ingestion.Archives;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace RagPlatform.Ingestion.Pdf;

/// <summary>
/// PdfPig's filters, with every Flate stream first inflated into nothing through the <see cref="InflateBudget"/>:
/// PdfPig inflates a stream whole into memory, so a stream that would pass Ingestion:MaxInflatedBytes (or the file's
/// total) is refused before PdfPig allocates it. Costs one extra inflate of each Flate stream, which is cheap next to
/// layout analysis.
/// </summary>
internal sealed class BoundedFilterProvider(InflateBudget budget) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) =>
        [.. filters.Select(f => f is FlateFilter ? new BoundedFlate(f, budget) : f)];

    private sealed class BoundedFlate(IFilter inner, InflateBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            Measure(input);
            return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        }

        private void Measure(Memory<byte> input)
        {
            if (input.Length < 2)
            {
                return;
            }

            // Like PdfPig: skip the two-byte zlib header and inflate the raw deflate data.
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                using var source = new MemoryStream(input[2..].ToArray(), writable: false);
                using var bounded = new BoundedInflateStream(new DeflateStream(source, CompressionMode.Decompress), "a PDF stream", budget);
                while (bounded.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (InvalidDataException)
            {
                // Damaged data: PdfPig's own filter decides how leniently to read it; the bytes counted so far stay counted.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
