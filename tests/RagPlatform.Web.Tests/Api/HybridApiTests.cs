using System.Text;
using System.Text.Json;

namespace RagPlatform.Web.Tests.Api;

/// <summary>The server with a real embedding model: every pipeline answers over HTTP and explains its stages.</summary>
public sealed class HybridApiTests : IAsyncLifetime
{
    private const string Lease = """
        # Commercial Lease

        ## 1. Rent

        The tenant shall pay the monthly rent on the first business day of each month.

        ## 2. Repairs

        The landlord is responsible for structural repairs to the roof and the foundation.

        ## 3. Early termination

        The tenant may end the lease early by giving sixty days notice and paying a fee equal to two months of rent.
        """;

    private readonly RagWebFactory _factory = new(new Dictionary<string, string?>
    {
        ["Embedding:Enabled"] = "true",
        ["Embedding:Model"] = "all-MiniLM-L6-v2",
    });

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        var accepted = await ApiClient.UploadAsync(_client, "leases", ("lease.md", Encoding.UTF8.GetBytes(Lease)));
        var job = await ApiClient.WaitForJobAsync(_client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("dense", "dense")]
    [InlineData("hybrid", "fused")]
    [InlineData("hybrid%2Brerank", "rerank")]
    public async Task Each_pipeline_finds_the_clause_and_reports_its_stage_score(string pipeline, string stage)
    {
        var response = await ApiClient.GetJsonAsync(_client, $"/api/search?q=how%20can%20the%20tenant%20leave%20before%20the%20end&collection=leases&pipeline={pipeline}");
        var first = response.GetProperty("hits")[0];
        Assert.Contains("sixty days notice", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("scores").GetProperty(stage).ValueKind);
    }

    [Fact]
    public async Task The_default_pipeline_is_hybrid_with_rerank()
    {
        var response = await ApiClient.GetJsonAsync(_client, "/api/search?q=who%20repairs%20the%20roof&collection=leases");
        Assert.Equal("hybrid+rerank", response.GetProperty("pipeline").GetString());
        Assert.Contains("roof", response.GetProperty("hits")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
