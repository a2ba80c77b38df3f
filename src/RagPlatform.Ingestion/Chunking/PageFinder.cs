using RagPlatform.Core.Documents;

namespace RagPlatform.Ingestion.Chunking;

/// <summary>
/// The page of an offset by binary search over the contiguous page spans (DocumentText.PageAt scans, which costs
/// pages × chunks on a long document). Same answers: the first page ending after the offset, else the last.
/// </summary>
internal sealed class PageFinder(IReadOnlyList<PageSpan> pages)
{
    public int At(int offset)
    {
        if (pages.Count == 0)
        {
            return 1;
        }

        int lo = 0, hi = pages.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (offset < pages[mid].CharEnd)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < pages.Count ? pages[lo].Number : pages[^1].Number;
    }
}
