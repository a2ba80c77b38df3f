using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Tests.Api;

/// <summary>DELETE /api/collections/{c}, POST /api/collections/{c}/rename and POST /api/documents/{id}/reindex on the real server.</summary>
public sealed class CollectionAdminApiTests
{
    private static readonly byte[] s_lease = Encoding.UTF8.GetBytes(
        "LEASE AGREEMENT\n\n1. Rent. The tenant shall pay the monthly rent on the first business day of each month.\n");

    private static readonly byte[] s_charter = Encoding.UTF8.GetBytes(
        "CHARTER\n\nArticle 1. The association shall hold an annual general meeting every spring.\n");

    [Fact]
    public async Task Deleting_a_collection_removes_its_documents_from_every_store_and_leaves_the_others()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        var trashed = await IndexAsync(client, "trash", ("lease.txt", s_lease));
        await IndexAsync(client, "keep", ("charter.txt", s_charter));
        Assert.NotEmpty(await HitsAsync(client, "trash", "monthly rent"));
        var bm25 = Path.Combine(factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.IndexDirectory("trash"), "bm25");
        Assert.True(Directory.Exists(bm25), bm25);

        using var deleted = await client.DeleteAsync("/api/collections/trash");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var names = (await client.GetFromJsonAsync<JsonElement>("/api/collections")).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["keep"], names);
        using (var document = await client.GetAsync($"/api/documents/{trashed}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        }

        using (var documents = await client.GetAsync("/api/collections/trash/documents"))
        {
            Assert.Equal(HttpStatusCode.NotFound, documents.StatusCode);
        }

        await AssertSearchNotFoundAsync(client, "trash");
        Assert.False(Directory.Exists(bm25), "the BM25 index of the deleted collection is still on disk");
        Assert.Null(factory.Services.GetRequiredService<FileStore>().Open(trashed));
        Assert.NotEmpty(await HitsAsync(client, "keep", "annual general meeting"));

        using var again = await client.DeleteAsync("/api/collections/trash");
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "No collection named 'trash'");
    }

    [Fact]
    public async Task Renaming_moves_the_documents_and_their_index_entries_to_the_new_name()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        var id = await IndexAsync(client, "drafts", ("lease.txt", s_lease));
        await IndexAsync(client, "final", ("charter.txt", s_charter));

        using (var taken = await client.PostAsJsonAsync("/api/collections/drafts/rename", new { name = "final" }))
        {
            await AssertProblemAsync(taken, HttpStatusCode.Conflict, "'final' exists already");
        }

        using (var invalid = await client.PostAsJsonAsync("/api/collections/drafts/rename", new { name = "no/slashes" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var missing = await client.PostAsJsonAsync("/api/collections/nowhere/rename", new { name = "somewhere" }))
        {
            await AssertProblemAsync(missing, HttpStatusCode.NotFound, "No collection named 'nowhere'");
        }

        using var renamed = await client.PostAsJsonAsync("/api/collections/drafts/rename", new { name = "Leases" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var collection = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("leases", collection.GetProperty("name").GetString());
        Assert.Equal(1, collection.GetProperty("documents").GetInt32());

        var document = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("leases", document.GetProperty("collection").GetString());
        Assert.Equal("Indexed", document.GetProperty("state").GetString());
        var hit = Assert.Single(await HitsAsync(client, "leases", "monthly rent"));
        Assert.Equal(id, hit.GetProperty("documentId").GetGuid());
        await AssertSearchNotFoundAsync(client, "drafts");
        using (var old = await client.GetAsync("/api/collections/drafts/documents"))
        {
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }

        // The old name is free again, and the other collection was not touched.
        Assert.NotEmpty(await HitsAsync(client, "final", "annual general meeting"));
        using var reused = await client.PostAsJsonAsync("/api/collections", new { name = "drafts" });
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task A_collection_with_a_running_job_is_neither_deleted_nor_renamed()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        await IndexAsync(client, "busy", ("lease.txt", s_lease));
        var store = factory.Services.GetRequiredService<IMetadataStore>();
        var running = new JobInfo
        {
            Id = Guid.CreateVersion7(),
            Collection = "busy",
            Path = factory.DataDirectory,
            State = JobState.Running,
            CreatedAt = DateTimeOffset.UtcNow,
            RunBy = JobHost.Cli,
        };
        await store.AddJobAsync(running, CancellationToken.None);

        using (var delete = await client.DeleteAsync("/api/collections/busy"))
        {
            await AssertProblemAsync(delete, HttpStatusCode.Conflict, $"Job {running.Id} is running on 'busy'");
        }

        using (var rename = await client.PostAsJsonAsync("/api/collections/busy/rename", new { name = "idle" }))
        {
            await AssertProblemAsync(rename, HttpStatusCode.Conflict, $"Job {running.Id} is running");
        }

        Assert.NotEmpty(await HitsAsync(client, "busy", "monthly rent"));
        await store.UpdateJobAsync(running with { State = JobState.Succeeded, FinishedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        using var after = await client.DeleteAsync("/api/collections/busy");
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
    }

    [Fact]
    public async Task Reindexing_an_unchanged_document_decodes_it_again_and_keeps_its_id()
    {
        using var factory = new RagWebFactory();
        using var client = factory.CreateClient();
        var id = await IndexAsync(client, "contracts", ("lease.txt", s_lease));

        using var response = await client.PostAsync($"/api/documents/{id}/reindex", content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
        var job = await ApiClient.WaitForJobAsync(client, JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("updated").GetInt32());
        Assert.Equal(0, job.GetProperty("unchanged").GetInt32());

        var documents = await client.GetFromJsonAsync<JsonElement>("/api/collections/contracts/documents");
        var document = Assert.Single(documents.EnumerateArray());
        Assert.Equal(id, document.GetProperty("id").GetGuid());
        Assert.Equal("Indexed", document.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("contentHash").GetString()));
        Assert.Single(await HitsAsync(client, "contracts", "monthly rent"));

        using var unknown = await client.PostAsync($"/api/documents/{Guid.NewGuid()}/reindex", content: null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<Guid> IndexAsync(HttpClient client, string collection, params (string Name, byte[] Bytes)[] files)
    {
        var accepted = await ApiClient.UploadAsync(client, collection, files);
        var job = await ApiClient.WaitForJobAsync(client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var documents = await client.GetFromJsonAsync<JsonElement>($"/api/collections/{collection}/documents");
        return documents.EnumerateArray().First(d => d.GetProperty("source").GetString() == files[0].Name).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> HitsAsync(HttpClient client, string collection, string query)
    {
        using var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&collection={collection}&pipeline=bm25");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"search {collection}: {(int)response.StatusCode} {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.Clone())];
    }

    private static async Task AssertSearchNotFoundAsync(HttpClient client, string collection)
    {
        using var response = await client.GetAsync($"/api/search?q=rent&collection={collection}&pipeline=bm25");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, $"No collection named '{collection}'");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
