namespace RagPlatform.Core.Indexing;

/// <summary>
/// How far the single index writer is inside its current batch, for progress bars: the pipeline says how many input
/// bytes the batch carries and when each index starts and finishes; an index that works in steps (the dense writer,
/// chunk by chunk) reports its steps. Per-document progress alone stalls for minutes on one large document.
/// </summary>
public sealed class IndexingMeter
{
    private readonly Lock _lock = new();
    private long _batchBytes;
    private int _indexes;
    private int _indexesDone;
    private double _current;

    /// <summary>Bytes of the current batch's inputs that count as written so far (each index an equal share).</summary>
    public long InFlightBytes
    {
        get
        {
            lock (_lock)
            {
                return _indexes == 0 ? 0 : (long)(_batchBytes * Math.Min(1.0, (_indexesDone + _current) / _indexes));
            }
        }
    }

    /// <summary>A batch of <paramref name="bytes"/> input bytes goes to <paramref name="indexes"/> indexes.</summary>
    public void StartBatch(long bytes, int indexes)
    {
        lock (_lock)
        {
            (_batchBytes, _indexes, _indexesDone, _current) = (bytes, indexes, 0, 0);
        }
    }

    /// <summary>One index committed the batch.</summary>
    public void IndexFinished()
    {
        lock (_lock)
        {
            _indexesDone++;
            _current = 0;
        }
    }

    /// <summary>The index now writing has done <paramref name="done"/> of <paramref name="total"/> steps.</summary>
    public void Report(int done, int total)
    {
        lock (_lock)
        {
            _current = total <= 0 ? 1.0 : Math.Clamp((double)done / total, 0, 1);
        }
    }

    /// <summary>The batch is written (its documents are reported by the run's progress now).</summary>
    public void EndBatch()
    {
        lock (_lock)
        {
            (_batchBytes, _indexes, _indexesDone, _current) = (0, 0, 0, 0);
        }
    }
}
