using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Tests.Api;

/// <summary>Creating a collection twice, and job paths relative to the clone (samples/api.http's request).</summary>
public sealed class CollectionRulesTests
{
    [Fact]
    public async Task Creating_an_existing_collection_is_a_409_problem()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        using var first = await client.PostAsJsonAsync("/api/collections", new { name = "contracts" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await client.PostAsJsonAsync("/api/collections", new { name = "Contracts" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("'contracts' exists already", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_job_path_is_resolved_in_the_clone_not_in_the_web_project()
    {
        var root = SettingsPaths.RepositoryRoot!;
        // api.http asks for "samples" under the default Jobs:Roots (the samples folder): both resolve in the clone.
        Assert.Contains("{ \"collection\": \"samples\", \"path\": \"samples\" }", File.ReadAllText(Path.Combine(root, "samples", "api.http")), StringComparison.Ordinal);
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Jobs:Roots:0"] = "samples" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = "founding", path = "samples/declaration-of-independence.txt" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
        var job = await ApiClient.WaitForJobAsync(client, JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(Path.Combine(root, "samples", "declaration-of-independence.txt"), job.GetProperty("path").GetString());
        Assert.Equal(1, job.GetProperty("added").GetInt32());
    }
}
