using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Tests;

namespace RagPlatform.Web.Tests.Cli;

public sealed class JobRecoveryTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Recovery_requeues_a_server_job_once_fails_it_after_two_starts_and_fails_dead_cli_jobs()
    {
        using var cli = new CliFixture();
        await using var services = LibraryServices.Over(cli.Data).BuildServiceProvider();
        var store = services.GetRequiredService<IMetadataStore>();
        await store.MigrateAsync(s_none);
        var twice = Job(1) with { State = JobState.Running, RunBy = JobHost.Server, Attempts = 2, StartedAt = s_t0.AddMinutes(30) };
        var once = Job(2) with { State = JobState.Running, RunBy = JobHost.Server, Attempts = 1, StartedAt = s_t0.AddMinutes(31) };
        var cliJob = Job(3) with { State = JobState.Running, RunBy = JobHost.Cli, Attempts = 1, StartedAt = s_t0.AddMinutes(32) };
        var queued = Job(4);
        var done = Job(5) with { State = JobState.Succeeded, RunBy = JobHost.Server, Attempts = 1, FinishedAt = s_t0.AddMinutes(40) };
        foreach (var job in new[] { twice, once, cliJob, queued, done })
        {
            await store.AddJobAsync(job, s_none);
        }

        var (requeued, failed) = await services.GetRequiredService<JobRunner>().RecoverInterruptedAsync(s_none);

        Assert.Equal((1, 2), (requeued, failed));
        var twiceAfter = (await store.GetJobAsync(twice.Id, s_none))!;
        Assert.Equal(JobState.Failed, twiceAfter.State);
        Assert.Equal(
            "the job stopped the process twice while running (last started 2026-03-01 12:30:00 UTC); not retried — fix or remove the input and submit it again",
            twiceAfter.Error);
        Assert.NotNull(twiceAfter.FinishedAt);
        var onceAfter = (await store.GetJobAsync(once.Id, s_none))!;
        Assert.Equal(JobState.Queued, onceAfter.State);
        Assert.Equal(1, onceAfter.Attempts);
        Assert.Null(onceAfter.Error);
        var cliAfter = (await store.GetJobAsync(cliJob.Id, s_none))!;
        Assert.Equal(JobState.Failed, cliAfter.State);
        Assert.Equal(JobRunner.CliDiedError, cliAfter.Error);
        Assert.Equal(queued, (await store.GetJobAsync(queued.Id, s_none))! with { Errors = [] });
        Assert.Equal(done with { Errors = [] }, (await store.GetJobAsync(done.Id, s_none))! with { Errors = [] });
    }

    [Fact]
    public async Task A_job_that_keeps_killing_the_server_is_claimed_twice_then_failed()
    {
        using var cli = new CliFixture();
        await using var services = LibraryServices.Over(cli.Data).BuildServiceProvider();
        var store = services.GetRequiredService<IMetadataStore>();
        var runner = services.GetRequiredService<JobRunner>();
        await store.MigrateAsync(s_none);
        var job = Job(1);
        await store.AddJobAsync(job, s_none);

        // Start 1: claimed, then the process dies; recovery re-queues it.
        var first = (await store.ClaimNextJobAsync(s_t0.AddHours(1), s_none))!;
        Assert.Equal((1, JobHost.Server), (first.Attempts, first.RunBy));
        Assert.Equal((1, 0), await runner.RecoverInterruptedAsync(s_none));

        // Start 2: claimed again, dies again; now it is failed, not queued a third time.
        var second = (await store.ClaimNextJobAsync(s_t0.AddHours(2), s_none))!;
        Assert.Equal(2, second.Attempts);
        Assert.Equal((0, 1), await runner.RecoverInterruptedAsync(s_none));
        var after = (await store.GetJobAsync(job.Id, s_none))!;
        Assert.Equal(JobState.Failed, after.State);
        Assert.StartsWith("the job stopped the process twice while running (last started 2026-03-01 14:00:00 UTC)", after.Error, StringComparison.Ordinal);
        Assert.Null(await store.ClaimNextJobAsync(s_t0.AddHours(3), s_none));
    }

    [Fact]
    public async Task A_ragp_index_killed_with_9_leaves_a_job_the_next_index_marks_failed()
    {
        using var cli = new CliFixture();
        for (var i = 0; i < 400; i++)
        {
            cli.Write(Path.Combine($"part{i % 5}", $"doc{i:D4}.txt"), DocumentText(i));
        }

        using (var first = StartIndex(cli))
        {
            var sawProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            first.ErrorDataReceived += (_, e) =>
            {
                if (ProgressLine.DocumentsDone(e.Data) > 0)
                {
                    sawProgress.TrySetResult();
                }
            };
            first.BeginErrorReadLine();
            first.BeginOutputReadLine();
            await sawProgress.Task.WaitAsync(s_timeout);
            Assert.False(first.HasExited, "the run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync().WaitAsync(s_timeout);
        }

        var killed = Assert.Single((await cli.RunAsync("jobs", "list", "--json")).Json.EnumerateArray());
        Assert.Equal("Running", killed.GetProperty("state").GetString());
        Assert.Equal("Cli", killed.GetProperty("runBy").GetString());
        Assert.Equal(1, killed.GetProperty("attempts").GetInt32());

        var next = await cli.RunAsync("index", cli.Write("later.txt", DocumentText(1000)), "--collection", "kill", "--json");
        Assert.True(next.ExitCode == 0, next.Stderr);

        var jobs = (await cli.RunAsync("jobs", "list", "--json")).Json.EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        var old = jobs.Single(j => j.GetProperty("id").GetGuid() == killed.GetProperty("id").GetGuid());
        Assert.Equal("Failed", old.GetProperty("state").GetString());
        Assert.Equal(JobRunner.CliDiedError, old.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.String, old.GetProperty("finishedAt").ValueKind);
        Assert.Equal("Succeeded", jobs.Single(j => j.GetProperty("id").GetGuid() != killed.GetProperty("id").GetGuid()).GetProperty("state").GetString());
    }

    private static JobInfo Job(int minute) => new()
    {
        Id = Guid.NewGuid(),
        Collection = "law",
        Path = $"/corpus/{minute}",
        CreatedAt = s_t0.AddMinutes(minute),
    };

    private static Process StartIndex(CliFixture cli)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ragp.dll"), "index", cli.Inputs, "--collection", "kill", "--json", "--data", cli.Data })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static string DocumentText(int i)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Agreement {i}\n\n");
        for (var p = 0; p < 12; p++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Clause {p} of agreement {i}: the party number {i * 31 % 97} shall deliver goods lot {p * i} before the deadline. ");
            text.Append("Late delivery entitles the buyer to damages capped at the contract price.\n\n");
        }

        return text.ToString();
    }
}
