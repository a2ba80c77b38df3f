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
            if (streamDictionary.ContainsKey(NameToken.DecodeParms) || streamDictionary.ContainsKey(NameToken.Dp))
            {
                // Parameters (a PNG or TIFF predictor): measured here, decoded by PdfPig's filter, which applies them.
                Measure(input);
                return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            }

            // No parameters (content streams, fonts, most images): inflated once, counted as it goes.
            return Inflate(input);
        }

        /// <summary>The inflated stream, or the input unchanged when it is not valid deflate data (PdfPig's own rule).</summary>
        private Memory<byte> Inflate(Memory<byte> input)
        {
            if (input.Length < 2)
            {
                return input;
            }

            try
            {
                using var source = ReadOnly(input[2..]);
                using var bounded = new BoundedInflateStream(new DeflateStream(source, CompressionMode.Decompress), "a PDF stream", budget);
                using var output = new MemoryStream(Math.Max(256, (int)Math.Min(int.MaxValue / 2, input.Length * 3L)));
                bounded.CopyTo(output);
                return output.GetBuffer().AsMemory(0, (int)output.Length);
            }
            catch (InvalidDataException)
            {
                return input;
            }
        }

        private static MemoryStream ReadOnly(Memory<byte> data) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(data, out var segment) && segment.Array is not null
                ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(data.ToArray(), writable: false);

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
