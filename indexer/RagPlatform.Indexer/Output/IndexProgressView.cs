using System.Diagnostics;
using RagPlatform.Core.Indexing;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary>Indexing progress on stderr: a live bar (documents/s, pages/s, ETA) on a terminal, plain lines otherwise.</summary>
internal static class IndexProgressView
{
    private static readonly TimeSpan s_lineInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<T> RunAsync<T>(CliConsole console, int total, Func<IProgress<IndexProgress>, Task<T>> work)
    {
        if (!console.ErrorIsTerminal)
        {
            return await work(new LineProgress(console.Error, total));
        }

        T result = default!;
        await console.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("indexing", maxValue: Math.Max(1, total));
                var clock = Stopwatch.StartNew();
                result = await work(new BarProgress(task, clock));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static string Rates(IndexProgress p, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        return $"{p.Done}/{p.Total} docs  {p.Done / seconds:F1} docs/s  {p.Pages / seconds:F1} pages/s";
    }

    private sealed class BarProgress(ProgressTask task, Stopwatch clock) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            task.Value = value.Done;
            task.Description = Markup.Escape(Rates(value, clock.Elapsed));
        }
    }

    /// <summary>One line per report at most every half second (and the last), so logs stay readable.</summary>
    private sealed class LineProgress(TextWriter error, int total) : IProgress<IndexProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private TimeSpan? _last;

        public void Report(IndexProgress value)
        {
            lock (_gate)
            {
                var now = _clock.Elapsed;
                if (value.Done < total && _last is { } last && now - last < s_lineInterval)
                {
                    return;
                }

                _last = now;
                var remaining = value.Done == 0 ? "?" : $"{(now.TotalSeconds / value.Done * (total - value.Done)):F0}s";
                error.WriteLine($"progress: {Rates(value, now)}  eta {remaining}");
                error.Flush();
            }
        }
    }
}
