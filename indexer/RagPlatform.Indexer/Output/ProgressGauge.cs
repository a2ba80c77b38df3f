using System.Diagnostics;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Indexer.Output;

/// <summary>
/// How far an indexing run is, by input bytes: files reported done count whole, and the batch the writer is on counts
/// as far as <see cref="IndexingMeter"/> says (the dense writer moves it chunk by chunk), so one large document moves
/// the bar too. The ETA is elapsed time scaled by the fraction left, which stays steady; without sizes (a server run)
/// the fraction is documents done.
/// </summary>
internal sealed class ProgressGauge
{
    private readonly Dictionary<string, long> _sizes;
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private readonly IndexingMeter? _meter;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _totalBytes;
    private readonly Lock _lock = new();
    private long _doneBytes;
    private double _fraction;

    public ProgressGauge(IReadOnlyList<SourceFile> sources, IndexingMeter? meter)
    {
        _sizes = sources.ToDictionary(s => s.Source, s => SizeOf(s.Path), StringComparer.Ordinal);
        _totalBytes = _sizes.Values.Sum();
        _meter = meter;
    }

    public IndexProgress? Last { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Records a file's report and returns the fraction done.</summary>
    public double Record(IndexProgress progress)
    {
        lock (_lock)
        {
            Last = progress;
            if (progress.Current is { } source && _counted.Add(source) && _sizes.TryGetValue(source, out var size))
            {
                _doneBytes += size;
            }

            return Update();
        }
    }

    /// <summary>The fraction done now (never less than before).</summary>
    public double Fraction()
    {
        lock (_lock)
        {
            return Update();
        }
    }

    /// <summary>"eta 1m20s", or "eta ?" before there is enough to go on.</summary>
    public string Eta(double fraction)
    {
        if (fraction >= 1)
        {
            return "eta 0s";
        }

        if (fraction < 0.005 || _clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            return "eta ?";
        }

        var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - fraction) / fraction);
        return left.TotalHours >= 1 ? $"eta {(int)left.TotalHours}h{left.Minutes:D2}m"
            : left.TotalMinutes >= 1 ? $"eta {(int)left.TotalMinutes}m{left.Seconds:D2}s"
            : $"eta {(int)Math.Ceiling(left.TotalSeconds)}s";
    }

    /// <summary>"3/10 docs  120 pages  900 chunks".</summary>
    public string Counts()
    {
        var p = Last;
        return p is null ? "starting" : $"{p.Done}/{p.Total} docs  {p.Pages} pages  {p.Chunks} chunks";
    }

    private double Update()
    {
        double now;
        if (_totalBytes > 0)
        {
            now = Math.Min(1.0, (_doneBytes + (_meter?.InFlightBytes ?? 0)) / (double)_totalBytes);
        }
        else
        {
            now = Last is { Total: > 0 } p ? (double)p.Done / p.Total : 0;
        }

        _fraction = Math.Max(_fraction, now);
        return _fraction;
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
