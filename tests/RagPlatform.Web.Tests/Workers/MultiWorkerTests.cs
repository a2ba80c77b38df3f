using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Storage;
using RagPlatform.Web.Tests.Api;
using RagPlatform.Web.Tests.Cli;

namespace RagPlatform.Web.Tests.Workers;

/// <summary>
/// Two <c>ragp worker</c> processes and a server (its own worker off) on one PostgreSQL database and data directory
/// index one job set; one worker is killed mid-job. Needs the run's PostgreSQL (scripts/test.sh starts one) and fails
/// without it.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class MultiWorkerTests : IDisposable
{
    private const int FilesPerJob = 150;
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(6);
    private static readonly string[] s_jobs = ["alpha/part1", "alpha/part2", "beta/all", "gamma/all"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ragp-workers-" + Guid.NewGuid().ToString("N"));

    public MultiWorkerTests()
    {
        foreach (var job in s_jobs)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_root, "corpus", job)).FullName;
            var tag = job.Replace('/', 'x');
            for (var i = 0; i < FilesPerJob; i++)
            {
                // Each file carries one token found nowhere else, so a search finds exactly its document.
                var text = new StringBuilder($"# Clause {tag} {i}\n\nThe unique marker is w{tag}n{i:D3}q.\n\n");
                for (var s = 0; s < 40; s++)
                {
                    text.Append($"Section {s} of clause {i} obliges the party to deliver the goods named in schedule {s % 7} before the term ends. ");
                }

                File.WriteAllText(Path.Combine(folder, $"clause-{i:D3}.md"), text.ToString());
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed worker's file handles are closing; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Two_workers_and_a_server_index_one_job_set_without_duplicates_or_losses_when_one_worker_is_killed_mid_job()
    {
        var database = TestPostgres.NewDatabase();
        var data = Path.Combine(_root, "data");
        using var server = new RagWebFactory(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data,
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database,
            ["Worker:Enabled"] = "false",
            ["Jobs:Roots:0"] = Path.Combine(_root, "corpus"),
        });
        using var client = server.CreateClient();
        var store = server.Services.GetRequiredService<IMetadataStore>();
        var ids = new List<Guid>();
        foreach (var job in s_jobs)
        {
            using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = job.Split('/')[0], path = Path.Combine(_root, "corpus", job) });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid());
        }

        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = database,
            ["Worker__LeaseSeconds"] = "4",
            ["Worker__HeartbeatSeconds"] = "1",
            ["Worker__PollSeconds"] = "1",
        };
        using var first = RealProcess.Ragp(data, environment, "worker");
        using var second = RealProcess.Ragp(data, environment, "worker");
        var workers = new[] { first, second };

        // Kill the worker of the first job seen half done.
        var deadline = DateTime.UtcNow + s_deadline;
        JobInfo? killedJob = null;
        RealProcess? killed = null;
        while (killed is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no job was seen mid-run: {first.Stderr} {second.Stderr}");
            Assert.False(workers.Any(w => w.HasExited), $"a worker exited: {first.Stderr} {second.Stderr}");
            var jobs = await store.ListJobsAsync(100, CancellationToken.None);
            Assert.DoesNotContain(jobs, j => j.State is not (JobState.Queued or JobState.Running));
            killedJob = jobs.FirstOrDefault(j => j.State == JobState.Running && j.Processed > 0 && j.Processed < j.Total);
            killed = killedJob is null ? null : workers.SingleOrDefault(w => killedJob.WorkerId!.Split('/')[1] == w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(100);
        }

        killed.Dispose();
        var survivor = workers.Single(w => !ReferenceEquals(w, killed));

        // The survivor takes the dead worker's job back once its lease runs out, and finishes everything.
        IReadOnlyList<JobInfo> ended;
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the jobs did not all end: {survivor.Stderr}");
            Assert.False(survivor.HasExited, survivor.Stderr);
            ended = [.. (await store.ListJobsAsync(100, CancellationToken.None)).Where(j => ids.Contains(j.Id))];
            if (ended.All(j => j.State is not (JobState.Queued or JobState.Running)))
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.All(ended, j => Assert.Equal(JobState.Succeeded, j.State));
        var retried = ended.Single(j => j.Id == killedJob!.Id);
        Assert.Equal(2, retried.Attempts);
        Assert.NotEqual(killedJob!.WorkerId, retried.WorkerId);
        Assert.Equal(FilesPerJob, retried.Total);

        // No lost or duplicated document in the database, and the BM25 index holds each document's chunks once.
        var bm25 = server.Services.GetServices<IDocumentIndex>().Single(i => i.Name == "bm25");
        foreach (var collection in new[] { "alpha", "beta", "gamma" })
        {
            var documents = await store.ListDocumentsAsync(collection, CancellationToken.None);
            var expected = collection == "alpha" ? 2 * FilesPerJob : FilesPerJob;
            Assert.Equal(expected, documents.Count);
            Assert.Equal(expected, documents.Select(d => d.Source).Distinct(StringComparer.Ordinal).Count());
            Assert.All(documents, d => Assert.Equal(DocumentState.Indexed, d.State));
            var counts = await bm25.GetChunkCountsAsync(collection, CancellationToken.None);
            Assert.Equal(documents.ToDictionary(d => d.Id, d => d.Chunks).OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
        }

        // The server reads what the workers committed: a file of the interrupted job is found once, by its marker.
        var tag = Path.GetRelativePath(Path.Combine(_root, "corpus"), killedJob.Path).Replace('/', 'x');
        var marker = $"w{tag}n{FilesPerJob - 1:D3}q";
        var hits = (await ApiClient.GetJsonAsync(client, $"/api/search?q={marker}&collection={killedJob.Collection}&pipeline=bm25&top=5")).GetProperty("hits");
        var hit = Assert.Single(hits.EnumerateArray());
        Assert.EndsWith($"clause-{FilesPerJob - 1:D3}.md", hit.GetProperty("source").GetString(), StringComparison.Ordinal);
    }
}
