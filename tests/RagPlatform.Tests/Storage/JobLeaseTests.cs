using RagPlatform.Core.Jobs;

namespace RagPlatform.Tests.Storage;

/// <summary>Leases of claimed jobs: one live job per collection, heartbeats, and dead workers' jobs taken back.</summary>
public sealed class JobLeaseTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(30);

    private static JobInfo Job(int minute, string collection) => new()
    {
        Id = Guid.NewGuid(),
        Collection = collection,
        Path = $"/corpus/{collection}/{minute}",
        CreatedAt = s_t0.AddMinutes(minute - 60),
    };

    [Fact]
    public async Task A_queued_job_waits_while_a_live_job_runs_on_its_collection_and_other_collections_go_ahead()
    {
        await using var temp = await TempStore.CreateAsync();
        var law1 = Job(1, "law");
        var law2 = Job(2, "law");
        var papers = Job(3, "papers");
        foreach (var job in new[] { law1, law2, papers })
        {
            await temp.Store.AddJobAsync(job, s_none);
        }

        var first = await temp.Store.ClaimNextJobAsync("w1", s_t0, s_lease, s_none);
        Assert.Equal((law1.Id, "w1", (DateTimeOffset?)(s_t0 + s_lease)), (first!.Id, first.WorkerId!, first.LeaseExpiresAt));

        // law2 is older than papers, but law has a live job: w2 gets papers, then nothing.
        Assert.Equal(papers.Id, (await temp.Store.ClaimNextJobAsync("w2", s_t0, s_lease, s_none))?.Id);
        Assert.Null(await temp.Store.ClaimNextJobAsync("w2", s_t0, s_lease, s_none));

        await temp.Store.UpdateJobAsync(first with { State = JobState.Succeeded, FinishedAt = s_t0.AddSeconds(5) }, s_none);
        var next = await temp.Store.ClaimNextJobAsync("w2", s_t0.AddSeconds(6), s_lease, s_none);
        Assert.Equal((law2.Id, "w2"), (next!.Id, next.WorkerId!));
    }

    [Fact]
    public async Task Concurrent_claimers_in_two_stores_never_run_two_jobs_of_one_collection()
    {
        await using var a = await TempStore.CreateAsync();
        await using var b = await a.OpenSecondAsync();
        for (var i = 0; i < 6; i++)
        {
            await a.Store.AddJobAsync(Job(i, i % 2 == 0 ? "even" : "odd"), s_none);
        }

        using var start = new Barrier(4);
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await (i % 2 == 0 ? a : b).Store.ClaimNextJobAsync($"w{i}", s_t0, s_lease, s_none);
        })));

        var claimed = claims.Where(c => c is not null).Select(c => c!).ToList();
        Assert.Equal(["even", "odd"], claimed.Select(c => c.Collection).Order(StringComparer.Ordinal));
        Assert.Equal(2, claimed.Select(c => c.WorkerId).Distinct().Count());
    }

    [Fact]
    public async Task The_heartbeat_extends_only_its_own_lease_and_a_taken_back_job_ignores_the_old_worker()
    {
        await using var temp = await TempStore.CreateAsync();
        var job = Job(1, "law");
        await temp.Store.AddJobAsync(job, s_none);
        var mine = (await temp.Store.ClaimNextJobAsync("w1", s_t0, s_lease, s_none))!;

        Assert.True(await temp.Store.RenewJobLeaseAsync(job.Id, "w1", s_t0.AddSeconds(50), s_none));
        Assert.False(await temp.Store.RenewJobLeaseAsync(job.Id, "w2", s_t0.AddSeconds(90), s_none));
        Assert.Equal(s_t0.AddSeconds(50), (await temp.Store.GetJobAsync(job.Id, s_none))!.LeaseExpiresAt);

        // Renewed to t0+50s: still live at t0+40s, taken back at t0+51s.
        Assert.Equal((0, 0), await temp.Store.ReleaseExpiredJobsAsync(s_t0.AddSeconds(40), JobRunner.MaxAttempts, "dead", s_none));
        Assert.Equal((1, 0), await temp.Store.ReleaseExpiredJobsAsync(s_t0.AddSeconds(51), JobRunner.MaxAttempts, "dead", s_none));
        var requeued = (await temp.Store.GetJobAsync(job.Id, s_none))!;
        Assert.Equal((JobState.Queued, (string?)null), (requeued.State, requeued.WorkerId));

        // The old worker wakes up: its beat fails and its writes are ignored, before and after w2 claims the job.
        Assert.False(await temp.Store.RenewJobLeaseAsync(job.Id, "w1", s_t0.AddSeconds(60), s_none));
        await temp.Store.UpdateJobAsync(mine with { State = JobState.Succeeded, Processed = 99 }, s_none);
        Assert.Equal(JobState.Queued, (await temp.Store.GetJobAsync(job.Id, s_none))!.State);
        var theirs = (await temp.Store.ClaimNextJobAsync("w2", s_t0.AddSeconds(61), s_lease, s_none))!;
        await temp.Store.UpdateJobAsync(mine with { State = JobState.Cancelled }, s_none);
        var after = (await temp.Store.GetJobAsync(job.Id, s_none))!;
        Assert.Equal((JobState.Running, "w2", 2, 0), (after.State, after.WorkerId!, after.Attempts, after.Processed));

        // The new owner's own writes land.
        await temp.Store.UpdateJobAsync(theirs with { State = JobState.Succeeded, Processed = 3 }, s_none);
        Assert.Equal((JobState.Succeeded, 3), ((await temp.Store.GetJobAsync(job.Id, s_none))!.State, (await temp.Store.GetJobAsync(job.Id, s_none))!.Processed));
    }

    [Fact]
    public async Task A_job_whose_worker_dies_on_every_attempt_is_failed_after_the_last()
    {
        await using var temp = await TempStore.CreateAsync();
        var job = Job(1, "law");
        await temp.Store.AddJobAsync(job, s_none);
        var now = s_t0;
        for (var attempt = 1; attempt <= JobRunner.MaxAttempts; attempt++)
        {
            var claimed = (await temp.Store.ClaimNextJobAsync($"w{attempt}", now, s_lease, s_none))!;
            Assert.Equal(attempt, claimed.Attempts);
            now += s_lease + TimeSpan.FromSeconds(1);
            var released = await temp.Store.ReleaseExpiredJobsAsync(now, JobRunner.MaxAttempts, LeasedJobRunner.WorkerDiedError, s_none);
            Assert.Equal(attempt < JobRunner.MaxAttempts ? (1, 0) : (0, 1), released);
        }

        var failed = (await temp.Store.GetJobAsync(job.Id, s_none))!;
        Assert.Equal((JobState.Failed, LeasedJobRunner.WorkerDiedError, (DateTimeOffset?)now), (failed.State, failed.Error!, failed.FinishedAt));
        Assert.Null(await temp.Store.ClaimNextJobAsync("w9", now, s_lease, s_none));
    }
}
