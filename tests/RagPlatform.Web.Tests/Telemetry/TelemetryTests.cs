using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Telemetry;

/// <summary>The web host's OpenTelemetry wiring, read by an in-memory exporter: stage spans and metrics.</summary>
public sealed class TelemetryTests
{
    private const string Lease = """
        # Commercial Lease

        ## 1. Rent

        The tenant shall pay the monthly rent on the first business day of each month.

        ## 2. Early termination

        The tenant may end the lease early by giving sixty days notice and paying a fee equal to two months of rent.
        """;

    private const string Collection = "telemetry-leases";

    [Fact]
    public async Task One_index_job_and_one_search_and_ask_export_every_stage_span_and_the_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["Telemetry:Enabled"] = "true",
            ["Embedding:Enabled"] = "true",
            ["Embedding:Model"] = "all-MiniLM-L6-v2",
        });
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        }));
        using var client = host.CreateClient();

        var accepted = await ApiClient.UploadAsync(client, Collection, ("lease.md", Encoding.UTF8.GetBytes(Lease)));
        var job = await ApiClient.WaitForJobAsync(client, accepted.GetProperty("jobId").GetString()!);
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        string[] indexStages = ["job", "decode", "chunk", "embed", "index-batch"];
        Assert.All(indexStages, stage => Assert.Contains(Snapshot(spans), a => a.Source.Name == "RagPlatform" && a.DisplayName == stage));

        var search = await ApiClient.GetJsonAsync(client, "/api/search?q=how%20can%20the%20tenant%20end%20the%20lease%20early&collection=" + Collection + "&pipeline=hybrid%2Brerank");
        Assert.NotEmpty(search.GetProperty("hits").EnumerateArray());
        using var ask = await client.PostAsJsonAsync("/api/ask", new { question = "How can the tenant end the lease early?", collection = Collection, strategy = "passages" });
        ask.EnsureSuccessStatusCode();
        string[] searchStages = ["bm25", "dense", "fuse", "rerank", "compose", "generate"];
        var all = Snapshot(spans);
        Assert.All(searchStages, stage => Assert.Contains(all, a => a.Source.Name == "RagPlatform" && a.DisplayName == stage));

        // The stage spans of the search hang under its HTTP request span.
        // (ActivitySource and Meter listeners are process-wide: spans and points of other tests' servers running in this
        // process arrive here too, so the asserts look for this test's own, not for counts of all.)
        Assert.Contains(all, request => request.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            && request.GetTagItem("url.path") as string == "/api/search"
            && all.Any(a => a.DisplayName == "bm25" && a.TraceId == request.TraceId));

        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var names = metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "ragp.documents.indexed", "ragp.chunks.indexed", "ragp.job.duration", "ragp.search.duration", "ragp.jobs.queued", "http.server.request.duration" }, names);
        long indexed = 0;
        foreach (var point in metrics.Where(m => m.Name == "ragp.documents.indexed").Last().GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag is { Key: "collection", Value: Collection })
                {
                    indexed += point.GetSumLong();
                }
            }
        }

        Assert.Equal(1, indexed);
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }
}
