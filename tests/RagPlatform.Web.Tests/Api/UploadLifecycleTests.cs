using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Workers;

namespace RagPlatform.Web.Tests.Api;

/// <summary>Uploads are refused early when they cannot be indexed, converge to a final state, and leave no upload folder.</summary>
public sealed class UploadLifecycleTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public UploadLifecycleTests(ApiServer server) => _server = server;

    private string Uploads => Path.Combine(_server.Factory.DataDirectory, "uploads");

    [Fact]
    public async Task Unsupported_type_is_a_415_at_upload_time_and_nothing_is_queued()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("# ok")), "files", "fine.md" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("unsupported")), "files", "notes.xyz" },
        };
        using var response = await _server.Client.PostAsync("/api/collections/refused/documents", form);
        var detail = await DetailAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("'notes.xyz'", detail, StringComparison.Ordinal);
        Assert.Contains(".pdf", detail, StringComparison.Ordinal);
        await AssertNothingQueuedAsync("refused");
    }

    [Fact]
    public async Task Empty_file_is_a_400_at_upload_time_and_nothing_is_queued()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent([]), "files", "empty.txt" } };
        using var response = await _server.Client.PostAsync("/api/collections/empty/documents", form);
        Assert.Contains("'empty.txt' is empty", await DetailAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await AssertNothingQueuedAsync("empty");
    }

    [Fact]
    public async Task After_the_job_the_upload_folder_is_gone_and_the_original_is_still_served()
    {
        var bytes = Encoding.UTF8.GetBytes("# Lease\n\nThe tenant shall keep the premises in good repair.");
        var accepted = await ApiClient.UploadAsync(_server.Client, "kept", ("lease.md", bytes));
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var job = await ApiClient.WaitForJobAsync(_server.Client, jobId);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());

        var folder = job.GetProperty("path").GetString()!;
        Assert.StartsWith(Uploads, folder, StringComparison.Ordinal);
        // The job record is final before the worker tidies up; the folder goes right after.
        await EventuallyAsync(() => !Directory.Exists(folder), $"{folder} still exists");

        var document = (await ApiClient.GetJsonAsync(_server.Client, "/api/collections/kept/documents")).EnumerateArray().Single();
        Assert.Equal("Indexed", document.GetProperty("state").GetString());
        using var file = await _server.Client.GetAsync($"/api/documents/{document.GetProperty("id").GetString()}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Failed_upload_job_turns_its_queued_documents_failed_and_removes_its_folder()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        var accepted = await ApiClient.UploadAsync(_server.Client, "broken", ("corrupt.pdf", bytes));
        var job = await ApiClient.WaitForJobAsync(_server.Client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        await EventuallyAsync(() => !Directory.Exists(job.GetProperty("path").GetString()!), "the upload folder still exists");
        var document = (await ApiClient.GetJsonAsync(_server.Client, "/api/collections/broken/documents")).EnumerateArray().Single();
        Assert.Equal("Failed", document.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Documents_left_queued_by_a_job_that_never_reached_them_become_failed()
    {
        // An upload whose folder vanished before the worker ran it (as after a disk clean-up): the job fails as a
        // whole without touching the file, and its Queued placeholder must not wait forever.
        var services = _server.Factory.Services;
        var store = services.GetRequiredService<IMetadataStore>();
        var now = DateTimeOffset.UtcNow;
        await store.EnsureCollectionAsync("lost", CancellationToken.None);
        var placeholder = new DocumentInfo(Guid.CreateVersion7(now), "lost", "gone.md", "gone.md", string.Empty, DocumentState.Queued, 0, 0, 10, [], null, now, now);
        await store.UpsertDocumentInfoAsync(placeholder, CancellationToken.None);
        var job = await services.GetRequiredService<JobRunner>()
            .EnqueueAsync("lost", Path.Combine(Uploads, Guid.NewGuid().ToString("N")), isUpload: true, prune: false, CancellationToken.None);
        services.GetRequiredService<JobSignal>().Notify();

        var finished = await ApiClient.WaitForJobAsync(_server.Client, job.Id.ToString());
        Assert.Equal("Failed", finished.GetProperty("state").GetString());
        await EventuallyAsync(async () => (await store.GetDocumentAsync(placeholder.Id, CancellationToken.None))?.State == DocumentState.Failed, "still Queued");
        var document = await ApiClient.GetJsonAsync(_server.Client, $"/api/documents/{placeholder.Id}");
        Assert.Equal(finished.GetProperty("error").GetString(), document.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("error").GetString()));
    }

    private async Task AssertNothingQueuedAsync(string collection)
    {
        using var documents = await _server.Client.GetAsync($"/api/collections/{collection}/documents");
        Assert.Equal(HttpStatusCode.NotFound, documents.StatusCode);
        var jobs = await _server.Client.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.DoesNotContain(jobs.EnumerateArray(), j => j.GetProperty("collection").GetString() == collection);
    }

    private static Task EventuallyAsync(Func<bool> condition, string message) => EventuallyAsync(() => Task.FromResult(condition()), message);

    /// <summary>Waits for a condition the worker makes true just after a job's final record (checked again on each job end and upload tidy-up).</summary>
    private static Task EventuallyAsync(Func<Task<bool>> condition, string message) => JobEnds.UntilAsync(condition, message);

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }
}
