using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace RagPlatform.Web.Tests.Api;

public sealed class ApiKeyTests : IDisposable
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private const string ScopedKey = "scoped-key-0123456789abcdef";

    private readonly RagWebFactory _factory = new(new Dictionary<string, string?>
    {
        ["Auth:Keys:0:Key"] = AdminKey,
        ["Auth:Keys:0:Role"] = "admin",
        ["Auth:Keys:1:Key"] = ReaderKey,
        ["Auth:Keys:1:Role"] = "reader",
        ["Auth:Keys:2:Key"] = ScopedKey,
        ["Auth:Keys:2:Role"] = "writer",
        ["Auth:Keys:2:Collections:0"] = "team-a",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Requests_without_a_key_are_401()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_key_is_401()
    {
        using var client = Client("not-a-real-key-at-all-0000");
        using var response = await client.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Reader_can_read_but_not_write()
    {
        using var reader = Client(ReaderKey);
        using var list = await reader.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("x")), "files", "a.txt" } };
        using var upload = await reader.PostAsync("/api/collections/team-a/documents", form);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        using var job = await reader.PostAsJsonAsync("/api/jobs", new { collection = "team-a", path = "/tmp" });
        Assert.Equal(HttpStatusCode.Forbidden, job.StatusCode);
    }

    [Fact]
    public async Task Scoped_key_sees_only_its_collections()
    {
        using var admin = Client(AdminKey);
        (await admin.PostAsJsonAsync("/api/collections", new { name = "team-a" })).Dispose();
        (await admin.PostAsJsonAsync("/api/collections", new { name = "team-b" })).Dispose();

        using var scoped = Client(ScopedKey);
        var names = (await ApiClient.GetJsonAsync(scoped, "/api/collections")).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["team-a"], names);
        using var other = await scoped.GetAsync("/api/search?q=x&collection=team-b");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var own = await scoped.GetAsync("/api/search?q=x&collection=team-a");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
