using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Web.Hosting;

namespace RagPlatform.Web.Tests.Api;

/// <summary>
/// Search and ask are admitted through QueryLimits: a held permit fills the limit, the queue holds the next request
/// until the permit returns, and a request beyond the queue is a 429 ProblemDetails with Retry-After at once.
/// </summary>
public sealed class QueryLimitTests
{
    [Fact]
    public async Task A_search_beyond_running_and_queued_is_a_429_with_retry_after_and_served_once_a_permit_is_free()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["QueryLimits:SearchConcurrency"] = "1",
            ["QueryLimits:SearchQueue"] = "0",
            ["QueryLimits:RetryAfterSeconds"] = "7",
        });
        using var client = factory.CreateClient();
        await CreateCollectionAsync(client, "busy");
        var admission = factory.Services.GetRequiredService<QueryAdmission>();

        using (var held = admission.Search.AttemptAcquire(1))
        {
            Assert.True(held.IsAcquired);
            using var refused = await client.GetAsync("/api/search?q=contract&collection=busy");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("QueryLimits", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.RootElement.GetProperty("transient").GetBoolean());

            // The POST form shares the search limit; ask has its own and still answers.
            using var body = await client.PostAsJsonAsync("/api/search", new { query = "contract", collection = "busy" });
            Assert.Equal(HttpStatusCode.TooManyRequests, body.StatusCode);
            using var ask = await client.PostAsJsonAsync("/api/ask", new { question = "What is the term?", collection = "busy" });
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        using var served = await client.GetAsync("/api/search?q=contract&collection=busy");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_queued_ask_waits_for_the_permit_and_the_next_beyond_the_queue_is_refused()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["QueryLimits:AskConcurrency"] = "1",
            ["QueryLimits:AskQueue"] = "1",
        });
        using var client = factory.CreateClient();
        await CreateCollectionAsync(client, "line");
        var admission = factory.Services.GetRequiredService<QueryAdmission>();

        var held = admission.Ask.AttemptAcquire(1);
        Assert.True(held.IsAcquired);
        var queued = client.PostAsJsonAsync("/api/ask", new { question = "What is the term?", collection = "line" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admission.Ask.GetStatistics()!.CurrentQueuedCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.Equal(1, admission.Ask.GetStatistics()!.CurrentQueuedCount);
        Assert.False(queued.IsCompleted);
        using (var refused = await client.PostAsJsonAsync("/api/ask", new { question = "Who signs?", collection = "line" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }

        held.Dispose();
        using var answered = await queued;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(1, admission.Ask.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Defaults_follow_the_processor_count()
    {
        var options = new QueryLimitsOptions();
        Assert.Equal(2 * Environment.ProcessorCount, options.SearchPermits);
        Assert.Equal(Environment.ProcessorCount, options.AskPermits);
        Assert.Equal(5, new QueryLimitsOptions { SearchConcurrency = 5 }.SearchPermits);
    }

    [Fact]
    public void A_negative_queue_is_refused_at_start_naming_the_setting()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["QueryLimits:SearchQueue"] = "-1" });
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("SearchQueue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_gives_search_and_ask_a_429_with_retry_after()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/search", "get"), ("/api/search", "post"), ("/api/ask", "post") })
        {
            var response = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("429");
            Assert.True(response.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path} 429 has no Retry-After");
            Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }

        Assert.False(paths.GetProperty("/api/collections").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _));
    }

    private static async Task CreateCollectionAsync(HttpClient client, string name)
    {
        using var created = await client.PostAsJsonAsync("/api/collections", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
