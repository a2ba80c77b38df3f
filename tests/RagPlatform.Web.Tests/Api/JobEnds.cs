using System.Diagnostics;
using RagPlatform.Core.Diagnostics;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// A signal for tests that wait on the in-process server's jobs: every end of a "job" span (the job's final record is
/// written just before) or an "upload-completion" span (an upload's tidy-up after its job) pulses it, and a waiter
/// checks its condition again on each pulse. No sleeping and no clock: the generous timeout only turns a hang into a
/// failure.
/// </summary>
internal static class JobEnds
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10); // OCR jobs on a loaded 2-core machine take minutes
    private static readonly Lock s_gate = new();
    private static TaskCompletionSource s_next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly ActivityListener s_listener = Listen();

    /// <summary>Checks <paramref name="check"/> now and after every job end until it holds; fails with <paramref name="what"/> after ten minutes.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<(bool Done, T Value)>> check, string what)
    {
        GC.KeepAlive(s_listener);
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            // Taken before the check, so an end that happens during the check still wakes the wait.
            Task next;
            lock (s_gate)
            {
                next = s_next.Task;
            }

            var (done, value) = await check();
            if (done)
            {
                return value;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{what} (waited {s_timeout.TotalMinutes} minutes)");
            }
        }
    }

    /// <summary>As <see cref="UntilAsync{T}(Func{Task{ValueTuple{bool, T}}}, string)"/> for a condition without a value.</summary>
    public static Task UntilAsync(Func<Task<bool>> check, string what) =>
        UntilAsync(async () => (await check(), true), what);

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RagActivity.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Name is "job" or "upload-completion" ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.OperationName is "job" or "upload-completion")
                {
                    Pulse();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static void Pulse()
    {
        TaskCompletionSource done;
        lock (s_gate)
        {
            done = s_next;
            s_next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
