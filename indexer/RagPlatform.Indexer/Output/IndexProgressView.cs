using RagPlatform.Core.Indexing;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary>
/// Indexing progress on stderr: a live bar by input bytes (moving inside large documents, see <see cref="ProgressGauge"/>)
/// with documents, pages, chunks and a steady ETA on a terminal; plain lines otherwise.
/// </summary>
internal static class IndexProgressView
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_lineInterval = TimeSpan.FromSeconds(2);
    private const double BarUnits = 1000;

    public static async Task<T> RunAsync<T>(
        CliConsole console, IReadOnlyList<SourceFile> sources, IndexingMeter? meter, Func<IProgress<IndexProgress>, Task<T>> work)
    {
        var gauge = new ProgressGauge(sources, meter);
        if (!console.ErrorIsTerminal)
        {
            return await RunLinesAsync(console.Error, gauge, work);
        }

        T result = default!;
        await console.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("indexing", maxValue: BarUnits);
                void Show(double fraction)
                {
                    task.Value = fraction * BarUnits;
                    task.Description = Markup.Escape($"{gauge.Counts()}  {gauge.Eta(fraction)}");
                }

                using var ticker = new PeriodicTimer(s_tick);
                using var stop = new CancellationTokenSource();
                var ticking = TickAsync(ticker, () => Show(gauge.Fraction()), stop.Token);
                try
                {
                    result = await work(new Reporter(p => Show(gauge.Record(p))));
                }
                finally
                {
                    await stop.CancelAsync();
                    await ticking;
                }

                Show(1);
            });
        return result;
    }

    /// <summary>A line at most every two seconds, on a file's report or while a large one is being written, and the last.</summary>
    private static async Task<T> RunLinesAsync<T>(TextWriter error, ProgressGauge gauge, Func<IProgress<IndexProgress>, Task<T>> work)
    {
        var gate = new Lock();
        TimeSpan? last = null;
        var lastFraction = -1.0;
        var firstDone = false;
        void Line(double fraction, bool force)
        {
            lock (gate)
            {
                var now = gauge.Elapsed;
                if (!force && ((last is { } l && now - l < s_lineInterval) || fraction <= lastFraction))
                {
                    return;
                }

                (last, lastFraction) = (now, fraction);
                error.WriteLine($"progress: {fraction * 100:F0}%  {gauge.Counts()}  {gauge.Eta(fraction)}");
                error.Flush();
            }
        }

        using var ticker = new PeriodicTimer(s_tick);
        using var stop = new CancellationTokenSource();
        var ticking = TickAsync(ticker, () => Line(gauge.Fraction(), force: false), stop.Token);
        try
        {
            return await work(new Reporter(p =>
            {
                var fraction = gauge.Record(p);
                // The first finished document and the last always get a line: scripts and logs learn at once that
                // the run is under way, and how it ended.
                Line(fraction, force: p.Done == p.Total || (p.Done == 1 && !firstDone));
                firstDone |= p.Done >= 1;
            }));
        }
        finally
        {
            await stop.CancelAsync();
            await ticking;
        }
    }

    private static async Task TickAsync(PeriodicTimer ticker, Action tick, CancellationToken cancellationToken)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken))
            {
                tick();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private sealed class Reporter(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
