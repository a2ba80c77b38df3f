using RagPlatform.Core.Jobs;

namespace RagPlatform.Tests.Storage;

public sealed class JobStoreTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static JobInfo Job(int minute) => new()
    {
        Id = Guid.NewGuid(),
        Collection = "law",
        Path = $"/corpus/{minute}",
        CreatedAt = s_t0.AddMinutes(minute),
    };

    [Fact]
    public async Task Jobs_are_added_updated_and_listed_newest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        var older = Job(1);
        var newer = Job(2);
        await temp.Store.AddJobAsync(older, s_none);
        await temp.Store.AddJobAsync(newer, s_none);

        var finished = older with
        {
            State = JobState.PartiallyFailed,
            Total = 3,
            Processed = 3,
            Added = 2,
            Failed = 1,
            Errors = [new FileError("/corpus/1/x.pdf", "the file is empty (0 bytes)")],
            StartedAt = s_t0.AddMinutes(5),
            FinishedAt = s_t0.AddMinutes(6),
            IsUpload = true,
        };
        await temp.Store.UpdateJobAsync(finished, s_none);

        var stored = await temp.Store.GetJobAsync(older.Id, s_none);
        Assert.NotNull(stored);
        Assert.Equal(finished with { Errors = [] }, stored with { Errors = [] });
        Assert.Equal(finished.Errors, stored.Errors);
        Assert.Equal([newer.Id, older.Id], (await temp.Store.ListJobsAsync(10, s_none)).Select(j => j.Id));
        Assert.Single(await temp.Store.ListJobsAsync(1, s_none));
        Assert.Null(await temp.Store.GetJobAsync(Guid.NewGuid(), s_none));
    }

    [Fact]
    public async Task ClaimNextJob_takes_the_oldest_queued_job_once()
    {
        await using var temp = await TempStore.CreateAsync();
        // On another collection than the first: a second job on the same collection waits (JobLeaseTests).
        var second = Job(2) with { Collection = "papers" };
        var first = Job(1);
        var running = Job(0) with { State = JobState.Running };
        await temp.Store.AddJobAsync(second, s_none);
        await temp.Store.AddJobAsync(first, s_none);
        await temp.Store.AddJobAsync(running, s_none);
        var now = s_t0.AddHours(1);

        var claimed = await temp.Store.ClaimNextJobAsync(now, s_none);
        Assert.Equal((first.Id, JobState.Running, (DateTimeOffset?)now), (claimed?.Id ?? Guid.Empty, claimed?.State ?? JobState.Queued, claimed?.StartedAt));
        Assert.Equal(second.Id, (await temp.Store.ClaimNextJobAsync(now, s_none))?.Id);
        Assert.Null(await temp.Store.ClaimNextJobAsync(now, s_none));
        Assert.Equal(JobState.Running, (await temp.Store.GetJobAsync(first.Id, s_none))?.State);
    }

    [Fact]
    public async Task Two_concurrent_claimers_on_one_queued_job_exactly_one_wins()
    {
        await using var a = await TempStore.CreateAsync();
        await using var b = await a.OpenSecondAsync();
        for (var round = 0; round < 20; round++)
        {
            // A collection per round: the earlier rounds' jobs stay Running, leased, and would hold a shared one.
            var job = Job(round) with { Collection = $"law{round}" };
            await a.Store.AddJobAsync(job, s_none);
            using var start = new Barrier(2);
            var claims = await Task.WhenAll(
                Task.Run(async () => { start.SignalAndWait(); return await a.Store.ClaimNextJobAsync(s_t0, s_none); }),
                Task.Run(async () => { start.SignalAndWait(); return await b.Store.ClaimNextJobAsync(s_t0, s_none); }));

            var winner = Assert.Single(claims, c => c is not null);
            Assert.Equal(job.Id, winner?.Id);
        }
    }
}
