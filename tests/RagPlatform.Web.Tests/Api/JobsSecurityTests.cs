using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>POST /api/jobs: collection scope of admin keys, and server paths restricted to Jobs:Roots.</summary>
public sealed class JobsSecurityTests : IDisposable
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string ScopedAdminKey = "scoped-admin-0123456789abcdef";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "ragp-jobs-" + Guid.NewGuid().ToString("N"));
    private readonly string _root;
    private readonly string _outside;

    public JobsSecurityTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_temp, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_temp, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "docs"));
        File.WriteAllText(Path.Combine(_root, "docs", "inside.md"), "# Inside\n\nThe inside clause.");
        File.WriteAllText(Path.Combine(_outside, "secret.md"), "# Secret\n\nThe secret clause.");
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Scoped_admin_lists_only_its_jobs_and_cannot_queue_into_other_collections()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["Jobs:Roots:0"] = _root,
            ["Auth:Keys:0:Key"] = AdminKey,
            ["Auth:Keys:0:Role"] = "admin",
            ["Auth:Keys:1:Key"] = ScopedAdminKey,
            ["Auth:Keys:1:Role"] = "admin",
            ["Auth:Keys:1:Collections:0"] = "b",
        });
        using var admin = Client(factory, AdminKey);
        using var scoped = Client(factory, ScopedAdminKey);
        var jobA = await QueueAsync(admin, "a", Path.Combine(_root, "docs"));
        var jobB = await QueueAsync(admin, "b", Path.Combine(_root, "docs"));

        var all = await JobIdsAsync(admin);
        Assert.Contains(jobA, all);
        Assert.Contains(jobB, all);
        Assert.Equal([jobB], await JobIdsAsync(scoped));

        using var refused = await scoped.PostAsJsonAsync("/api/jobs", new { collection = "a", path = Path.Combine(_root, "docs") });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("collection 'a'", await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal([jobB], await JobIdsAsync(scoped));

        // Other collection-named routes refuse the same way; id routes answer 404.
        using var upload = await scoped.PostAsync("/api/collections/a/documents", new MultipartFormDataContent { { new ByteArrayContent([1]), "files", "x.txt" } });
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        using var list = await scoped.GetAsync("/api/collections/a/documents");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var ask = await scoped.PostAsJsonAsync("/api/ask", new { question = "what?", collection = "a" });
        Assert.Equal(HttpStatusCode.Forbidden, ask.StatusCode);
        using var job = await scoped.GetAsync($"/api/jobs/{jobA}");
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);

        using var own = await scoped.PostAsJsonAsync("/api/jobs", new { collection = "b", path = Path.Combine(_root, "docs") });
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
    }

    [Fact]
    public async Task Paths_outside_the_roots_are_403_naming_the_setting()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Jobs:Roots:0"] = _root });
        using var client = factory.CreateClient();
        foreach (var path in new[] { _outside, Path.Combine(_outside, "secret.md"), "/etc", Path.Combine(_root, "..", "outside"), "/no/such/folder" })
        {
            using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("Jobs:Roots", await DetailAsync(response), StringComparison.Ordinal);
        }

        var inside = await QueueAsync(client, "c", Path.Combine(_root, "docs"));
        var finished = await ApiClient.WaitForJobAsync(client, inside);
        Assert.Equal("Succeeded", finished.GetProperty("state").GetString());
        Assert.Equal(1, finished.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task Symbolic_links_cannot_lead_out_of_a_root()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "docs", "secret-link.md"), Path.Combine(_outside, "secret.md"));
        Directory.CreateSymbolicLink(Path.Combine(_temp, "root-link"), _root);
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Jobs:Roots:0"] = _root });
        using var client = factory.CreateClient();

        foreach (var path in new[] { Path.Combine(_root, "escape"), Path.Combine(_root, "escape", "secret.md"), Path.Combine(_root, "docs", "secret-link.md") })
        {
            using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }

        // A folder inside the root is refused while a link in it (the job would follow it) leads out.
        using var folder = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path = Path.Combine(_root, "docs") });
        Assert.Equal(HttpStatusCode.Forbidden, folder.StatusCode);
        Assert.Contains("secret-link.md", await DetailAsync(folder), StringComparison.Ordinal);
        File.Delete(Path.Combine(_root, "docs", "secret-link.md"));
        // Also through a link to another folder of the root whose own link leads out.
        Directory.CreateDirectory(Path.Combine(_root, "other"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "docs", "to-other"), Path.Combine(_root, "other"));
        File.CreateSymbolicLink(Path.Combine(_root, "other", "deep.md"), Path.Combine(_outside, "secret.md"));
        using var nested = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path = Path.Combine(_root, "docs") });
        Assert.Equal(HttpStatusCode.Forbidden, nested.StatusCode);
        Assert.Contains("deep.md", await DetailAsync(nested), StringComparison.Ordinal);
        File.Delete(Path.Combine(_root, "other", "deep.md"));
        await QueueAsync(client, "c", Path.Combine(_root, "docs"));

        // A link that resolves into the root is fine, and the job records the resolved path.
        var viaLink = await QueueAsync(client, "c", Path.Combine(_temp, "root-link", "docs", "inside.md"));
        var job = await ApiClient.GetJsonAsync(client, $"/api/jobs/{viaLink}");
        Assert.Equal(Path.Combine(_root, "docs", "inside.md"), job.GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_data_directory_is_never_indexed_even_inside_a_root()
    {
        var data = Path.Combine(_root, "data");
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Jobs:Roots:0"] = _root, ["Storage:DataDirectory"] = data });
        using var client = factory.CreateClient();
        await ApiClient.UploadAsync(client, "c", ("kept.md", "# Kept\n\nText."u8.ToArray()));
        Directory.CreateDirectory(Path.Combine(data, "uploads"));
        foreach (var path in new[] { data, Path.Combine(data, "uploads"), Path.Combine(data, "files"), _root })
        {
            using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("Storage:DataDirectory", await DetailAsync(response), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task By_default_only_the_samples_folder_may_be_indexed()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Samples:Path"] = Path.Combine(_root, "docs") });
        using var client = factory.CreateClient();
        await QueueAsync(client, "c", Path.Combine(_root, "docs", "inside.md"));
        using var response = await client.PostAsJsonAsync("/api/jobs", new { collection = "c", path = _outside });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Path.Combine(_root, "docs"), await DetailAsync(response), StringComparison.Ordinal);
    }

    private static HttpClient Client(RagWebFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<string> QueueAsync(HttpClient client, string collection, string path)
    {
        using var response = await client.PostAsJsonAsync("/api/jobs", new { collection, path });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
    }

    private static async Task<List<string>> JobIdsAsync(HttpClient client)
        => [.. (await ApiClient.GetJsonAsync(client, "/api/jobs")).EnumerateArray().Select(j => j.GetProperty("id").GetString()!)];

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }
}
