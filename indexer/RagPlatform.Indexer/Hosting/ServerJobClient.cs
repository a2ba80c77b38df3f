using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;

namespace RagPlatform.Indexer.Hosting;

/// <summary>
/// Hands an indexing job to a running server (<c>ragp index --server URL</c>) instead of writing beside it: one
/// POST /api/jobs per path, then GET /api/jobs/{id} until the job ends, reporting its progress.
/// </summary>
internal sealed class ServerJobClient(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(500);

    public static ServerJobClient Create(string server, string? apiKey)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidRequestException($"--server must be an http(s) URL such as http://127.0.0.1:5180, not '{server}'.");
        }

        var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return new ServerJobClient(http);
    }

    /// <summary>Submits one job and waits for its end; the server reads <paramref name="path"/> from its own file system.</summary>
    public async Task<JobInfo> RunAsync(string collection, string path, bool prune, IProgress<IndexProgress> progress, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.PostAsJsonAsync("api/jobs", new { collection, path, prune }, s_json, cancellationToken));
        var accepted = await response.Content.ReadFromJsonAsync<Accepted>(s_json, cancellationToken)
            ?? throw new InvalidRequestException("The server accepted the job but did not say its id.");
        while (true)
        {
            await Task.Delay(s_poll, cancellationToken);
            using var poll = await SendAsync(() => http.GetAsync($"api/jobs/{accepted.JobId}", cancellationToken));
            var job = await poll.Content.ReadFromJsonAsync<JobInfo>(s_json, cancellationToken)
                ?? throw new InvalidRequestException($"The server returned no record for job {accepted.JobId}.");
            progress.Report(new IndexProgress(job.Processed, job.Total, job.Pages, job.Chunks, null));
            if (job.State is not (JobState.Queued or JobState.Running))
            {
                return job;
            }
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException ex)
        {
            throw new IndexUnavailableException($"Cannot reach the server: {ex.Message}", isTransient: true, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var detail = await ProblemDetailOf(response);
            throw new InvalidRequestException($"The server refused the job ({(int)response.StatusCode} {response.ReasonPhrase}){(detail is null ? "." : $": {detail}")}");
        }
    }

    private static async Task<string?> ProblemDetailOf(HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Accepted(Guid JobId);
}
