namespace RagPlatform.Ingestion.Pdf.Ocr;

/// <summary>
/// How many pages are rendered and recognized at once in this process, over every document, job and glyph-box
/// request: half the cores (at least one), so a long scan, or several, leave the other cores to the server, the
/// other documents of a job and other jobs. A page waits for a slot between pages of the same scan; the wait ends
/// when the decode is cancelled.
/// </summary>
internal static class OcrSlots
{
    private static readonly int s_capacity = Math.Max(1, Environment.ProcessorCount / 2);
    private static readonly SemaphoreSlim s_slots = new(s_capacity, s_capacity);

    /// <summary>Pages recognized at once.</summary>
    public static int Capacity => s_capacity;

    /// <summary>Pages being recognized now.</summary>
    public static int Busy => Capacity - s_slots.CurrentCount;

    /// <summary>Waits for a slot (throws <see cref="OperationCanceledException"/> when cancelled); dispose to free it.</summary>
    public static IDisposable Enter(CancellationToken cancellationToken)
    {
        s_slots.Wait(cancellationToken);
        return new Slot();
    }

    private sealed class Slot : IDisposable
    {
        private int _freed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _freed, 1) == 0)
            {
                s_slots.Release();
            }
        }
    }
}
