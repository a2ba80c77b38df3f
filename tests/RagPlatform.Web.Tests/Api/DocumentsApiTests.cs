using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

public sealed class DocumentsApiTests : IClassFixture<DocumentsApiTests.Indexed>
{
    private const string Contract = """
        MASTER SERVICES AGREEMENT

        Article 1 Definitions

        1.1 "Services" means the consulting services described in Schedule A.

        Article 2 Term and Termination

        2.1 This Agreement commences on the Effective Date and continues for three years.
        2.2 Either party may terminate this Agreement upon ninety days written notice to the other party.

        Section 2.3(b) Claims under 22 U.S.C. 1983 survive termination of this Agreement.
        """;

    private readonly Indexed _fixture;

    public DocumentsApiTests(Indexed fixture) => _fixture = fixture;

    [Fact]
    public async Task Upload_indexes_pdf_and_text_with_page_counts()
    {
        var job = _fixture.Job;
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(2, job.GetProperty("added").GetInt32());

        var documents = await ApiClient.GetJsonAsync(_fixture.Client, "/api/collections/contracts/documents");
        var byTitle = documents.EnumerateArray().ToDictionary(d => d.GetProperty("source").GetString()!);
        Assert.Equal(15, byTitle["federal-register-2020-17221.pdf"].GetProperty("pages").GetInt32());
        Assert.All(byTitle.Values, d => Assert.Equal("Indexed", d.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_fact_pattern_too_long_for_a_url_is_searched_by_post()
    {
        var facts = new StringBuilder();
        while (facts.Length < 20_000)
        {
            facts.Append("The consultant delivered the reports late and the client withheld payment for the quarter. ");
        }

        facts.Append("May either party terminate upon ninety days written notice?");
        using var response = await _fixture.Client.PostAsJsonAsync("/api/search", new { query = facts.ToString(), collection = "contracts", top = 3 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hits = body.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Contains(hits, h => h.GetProperty("text").GetString()!.Contains("ninety days written notice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_hits_carry_exact_spans_that_the_text_route_returns()
    {
        var response = await ApiClient.GetJsonAsync(_fixture.Client, "/api/search?q=terminate%20written%20notice&collection=contracts&top=5");
        var hits = response.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.Contains("ninety days written notice", hits[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<mark>", hits[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(hits[0].GetProperty("scores").GetProperty("bm25").GetDouble() > 0);

        foreach (var hit in hits)
        {
            var id = hit.GetProperty("documentId").GetString();
            var start = hit.GetProperty("charStart").GetInt32();
            var end = hit.GetProperty("charEnd").GetInt32();
            var span = await ApiClient.GetJsonAsync(_fixture.Client, $"/api/documents/{id}/text?start={start}&end={end}");
            Assert.Equal(hit.GetProperty("text").GetString(), span.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Airworthiness_query_ranks_the_federal_register_rule_first_with_pages()
    {
        var response = await ApiClient.GetJsonAsync(_fixture.Client, "/api/search?q=airworthiness%20directive&collection=contracts");
        var first = response.GetProperty("hits")[0];
        Assert.Equal("federal-register-2020-17221.pdf", first.GetProperty("source").GetString());
        Assert.InRange(first.GetProperty("pageStart").GetInt32(), 1, 15);
        Assert.True(first.GetProperty("pageEnd").GetInt32() >= first.GetProperty("pageStart").GetInt32());
    }

    [Fact]
    public async Task Legal_citation_is_searchable()
    {
        var response = await ApiClient.GetJsonAsync(_fixture.Client, "/api/search?q=22%20U.S.C.%201983&collection=contracts");
        Assert.Contains("22 U.S.C. 1983", response.GetProperty("hits")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Original_file_is_served()
    {
        var documents = await ApiClient.GetJsonAsync(_fixture.Client, "/api/collections/contracts/documents");
        var pdf = documents.EnumerateArray().Single(d => d.GetProperty("source").GetString()!.EndsWith(".pdf", StringComparison.Ordinal));
        using var response = await _fixture.Client.GetAsync($"/api/documents/{pdf.GetProperty("id").GetString()}/file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(File.ReadAllBytes(Indexed.PdfPath), bytes);
    }

    [Theory]
    [InlineData("/api/search?q=&collection=contracts", 400)]
    [InlineData("/api/search?q=AND%20(%20%22unbalanced%20*~:&collection=contracts", 200)]
    [InlineData("/api/search?q=the%20of%20and&collection=contracts", 200)]
    [InlineData("/api/search?q=contract&collection=", 400)]
    [InlineData("/api/search?q=contract&collection=nope", 404)]
    [InlineData("/api/search?q=contract&collection=contracts&pipeline=magic", 400)]
    [InlineData("/api/search?q=contract&collection=contracts&top=0", 400)]
    [InlineData("/api/documents/00000000-0000-0000-0000-000000000001", 404)]
    public async Task Bad_search_and_lookup_requests_get_clear_statuses(string url, int status)
    {
        using var response = await _fixture.Client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task Query_over_Search_MaxQueryChars_is_refused_with_a_problem()
    {
        var query = string.Join(' ', Enumerable.Repeat("termination", 3000));
        using var response = await _fixture.Client.PostAsJsonAsync("/api/search", new { query, collection = "contracts" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Search:MaxQueryChars", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_span_outside_the_document_is_a_400()
    {
        var documents = await ApiClient.GetJsonAsync(_fixture.Client, "/api/collections/contracts/documents");
        var id = documents[0].GetProperty("id").GetString();
        using var response = await _fixture.Client.GetAsync($"/api/documents/{id}/text?start=10&end=99999999");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public sealed class Indexed : IAsyncLifetime
    {
        public static string PdfPath => Path.Combine(AppContext.BaseDirectory, "samples", "federal-register-2020-17221.pdf");

        public RagWebFactory Factory { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public JsonElement Job { get; private set; }

        public async Task InitializeAsync()
        {
            Client = Factory.CreateClient();
            var accepted = await ApiClient.UploadAsync(
                Client,
                "contracts",
                ("msa.txt", Encoding.UTF8.GetBytes(Contract)),
                ("federal-register-2020-17221.pdf", await File.ReadAllBytesAsync(PdfPath)));
            Job = await ApiClient.WaitForJobAsync(Client, accepted.GetProperty("jobId").GetString()!);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
