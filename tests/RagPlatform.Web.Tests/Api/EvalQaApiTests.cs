using System.Net;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>POST /api/eval-qa: admin only; runs a question set (JSONL or an array) over an indexed collection.</summary>
public sealed class EvalQaApiTests : IAsyncLifetime
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string ReaderKey = "reader-key-0123456789abcdef";
    private const string Collection = "nda";

    private const string Lines =
        """
        {"question": "How long does the NDA remain in force?", "document": "sample-nda.docx", "keyPhrases": ["two years"], "pages": [1]}
        {"question": "How long does the NDA remain in force?", "document": "sample-nda.docx", "keyPhrases": ["two years"], "pages": [3]}
        {"question": "What is the melting point of tungsten carbide?", "answerable": false}
        """;

    private readonly RagWebFactory _factory = new(new Dictionary<string, string?>
    {
        ["Auth:Keys:0:Key"] = AdminKey,
        ["Auth:Keys:0:Role"] = "admin",
        ["Auth:Keys:1:Key"] = ReaderKey,
        ["Auth:Keys:1:Role"] = "reader",
    });

    public async Task InitializeAsync()
    {
        using var admin = Client(AdminKey);
        var nda = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "sample-nda.docx"));
        var accepted = await ApiClient.UploadAsync(admin, Collection, ("sample-nda.docx", nda));
        var job = await ApiClient.WaitForJobAsync(admin, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_reader_key_is_403()
    {
        using var reader = Client(ReaderKey);
        using var response = await reader.PostAsync($"/api/eval-qa?collection={Collection}", new StringContent(Lines, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_gets_the_report_with_failures_and_both_latencies()
    {
        using var admin = Client(AdminKey);
        using var response = await admin.PostAsync($"/api/eval-qa?collection={Collection}", new StringContent(Lines, Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;

        Assert.Equal(3, report.GetProperty("questions").GetInt32());
        Assert.Equal(2, report.GetProperty("answerable").GetInt32());
        Assert.Equal(1, report.GetProperty("unanswerable").GetInt32());
        Assert.Equal(Math.Round(2 / 3.0, 4), report.GetProperty("correct").GetDouble());
        Assert.Equal(1, report.GetProperty("abstainedCorrectly").GetDouble());
        Assert.True(report.GetProperty("searchLatencyMs").GetProperty("p95").GetDouble() > 0);
        var failed = Assert.Single(report.GetProperty("failed").EnumerateArray());
        Assert.Equal(2, failed.GetProperty("line").GetInt32());
        Assert.StartsWith("wrong page: no citation on p. 3", failed.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_array_body_is_read_like_lines_and_a_bad_item_is_400_naming_it()
    {
        using var admin = Client(AdminKey);
        var array = "[" + string.Join(",", Lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "]";
        using var ok = await admin.PostAsync($"/api/eval-qa?collection={Collection}", new StringContent(array, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("questions").GetInt32());

        using var bad = await admin.PostAsync($"/api/eval-qa?collection={Collection}", new StringContent("{\"question\": \"ok?\", \"keyPhrases\": [\"a\"]}\n{\"question\": 5}", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("line 2: 'question' must be a string", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
