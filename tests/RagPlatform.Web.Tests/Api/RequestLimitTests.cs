using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Web.Tests.Api;

/// <summary>Body limits follow the configuration (Limits:*, Ingestion:MaxFileBytes), on TestServer and on real Kestrel.</summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task Json_body_over_MaxRequestBytes_is_a_413_naming_the_setting()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Limits:MaxRequestBytes"] = "4096" });
        using var client = factory.CreateClient();
        using var small = await client.PostAsJsonAsync("/api/collections", new { name = "small" });
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);

        using var response = await client.PostAsJsonAsync("/api/ask", new { question = new string('q', 5000), collection = "small" });
        var detail = await DetailAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Limits:MaxRequestBytes", detail, StringComparison.Ordinal);
        Assert.Contains("4,096", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_limits_derive_from_MaxFileBytes_and_the_file_count()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?>
        {
            ["Ingestion:MaxFileBytes"] = "100000",
            ["Limits:MaxUploadFiles"] = "2",
        });
        using var client = factory.CreateClient();

        // 2 × 100,000 + 1 MiB of multipart overhead.
        using var whole = Form(("a.txt", 1_300_000));
        using var tooLarge = await client.PostAsync("/api/collections/c/documents", whole);
        var detail = await DetailAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Limits:MaxUploadBytes", detail, StringComparison.Ordinal);
        Assert.Contains("1,248,576", detail, StringComparison.Ordinal);

        using var many = Form(("a.txt", 10), ("b.txt", 10), ("c.txt", 10));
        using var tooMany = await client.PostAsync("/api/collections/c/documents", many);
        Assert.Contains("Limits:MaxUploadFiles", await DetailAsync(tooMany, HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var oneBig = Form(("a.txt", 100_001));
        using var fileTooLarge = await client.PostAsync("/api/collections/c/documents", oneBig);
        Assert.Contains("Ingestion:MaxFileBytes", await DetailAsync(fileTooLarge, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);

        // The small JSON limit does not apply to uploads: two files at the per-file limit pass.
        using var two = Form(("a.txt", 100_000), ("b.txt", 100_000));
        using var accepted = await client.PostAsync("/api/collections/c/documents", two);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task On_kestrel_an_upload_over_30_MB_passes_when_the_configuration_allows_it()
    {
        using var factory = KestrelFactory(new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "40000000", ["Limits:MaxUploadFiles"] = "1" });
        using var client = factory.CreateClient();
        // Kestrel's own default limit is 30,000,000 bytes. The body is read to its end (an unsupported type is only known
        // from the form), so a 415 shows the limit now follows Ingestion:MaxFileBytes.
        using var form = Form(("big.bin", 31_000_000));
        using var response = await client.PostAsync("/api/collections/c/documents", form);
        Assert.Contains("Unsupported file type", await DetailAsync(response, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_kestrel_a_chunked_body_over_the_limit_is_a_413_naming_the_setting()
    {
        using var factory = KestrelFactory(new Dictionary<string, string?> { ["Limits:MaxRequestBytes"] = "2048" });
        // A plain client: the factory's redirect handler buffers request bodies (and so would send a Content-Length).
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var json = JsonSerializer.Serialize(new { name = new string('n', 10_000) });
        // A stream of unknown length goes out chunked, without Content-Length, so only the server's own limit can stop it.
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/api/collections", content);
        Assert.Null(response.RequestMessage?.Content?.Headers.ContentLength);
        var detail = await DetailAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is over the limit of 2,048 bytes set by Limits:MaxRequestBytes.", detail);
    }

    private static RagWebFactory KestrelFactory(Dictionary<string, string?> settings)
    {
        settings["urls"] = "http://127.0.0.1:0";
        var factory = new RagWebFactory(settings);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory;
    }

    private static MultipartFormDataContent Form(params (string Name, int Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var data = new byte[bytes];
            data.AsSpan().Fill((byte)'a');
            form.Add(new ByteArrayContent(data), "files", name);
        }

        return form;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
