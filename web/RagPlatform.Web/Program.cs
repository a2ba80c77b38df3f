using RagPlatform.Core;
using RagPlatform.Core.Errors;
using RagPlatform.Generation;
using RagPlatform.Ingestion;
using RagPlatform.Onnx;
using RagPlatform.Search;
using RagPlatform.Storage;
using RagPlatform.Telemetry;
using RagPlatform.Web.Api;
using RagPlatform.Web.Components;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RagPlatform.Web.Hosting;
using RagPlatform.Web.Security;

// The repository's appsettings.json is copied beside the binary, which is therefore the content root.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRagConfiguration();
// The UI's files (wwwroot, blazor.web.js) come from the static web assets manifest of the build output in any environment.
builder.WebHost.UseStaticWebAssets();

builder.Services
    .AddRagCore()
    .AddRagStorage()
    .AddRagSearch()
    .AddRagIngestion()
    .AddRagWeb();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Stage spans and metrics, with request spans, counts and latencies; exported only when Telemetry:OtlpEndpoint is set.
builder.Services.AddRagTelemetry(builder.Configuration, "ragp-web", t => t.AddAspNetCoreInstrumentation(), m => m.AddAspNetCoreInstrumentation());
// The chat model: an OpenAI-compatible Chat:Endpoint, or the local ONNX generator (Generator:ModelPath) for Answer:Generator=onnx.
builder.Services.AddRagChat(builder.Configuration);
builder.Services.AddRagOnnx(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRagRequestGuards();
// Who is calling (UI cookie or API key), may they, and the audit trail of what they did.
app.UseRagSecurity();
// Guards the Blazor endpoints' form posts; the API is guarded by keys or the cross-site check (see DocumentsApi).
app.UseAntiforgery();

app.MapOpenApi();
app.MapRagScalar();
app.MapHealthApi();
app.MapCollectionsApi();
app.MapDocumentsApi();
app.MapTreesApi();
app.MapSearchApi();
app.MapAskApi();
app.MapAnswersApi();
app.MapJobsApi();
app.MapEvalQaApi();
app.MapDocumentBoxesApi();
// The local generator behind the OpenAI chat-completions protocol, when Generator:ModelPath is set.
app.MapOpenAiCompatibleApi();
// Sign-out, OpenID Connect and the audit export; the UI's pages require a signed-in account unless the server is open.
app.MapRagAccounts();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

try
{
    app.Run();
}
catch (DataDirectoryInUseException ex)
{
    // Another server or a CLI writer holds the data directory: refuse to start, naming it.
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 2;
}

return 0;

/// <summary>The web host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
