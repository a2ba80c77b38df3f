// A Semantic Kernel agent over RagPlatform: indexes one sample document into a temp data folder, then answers a
// question through the "rag" plugin. With a chat model configured (Chat:Endpoint and Chat:Model, from the repository's
// appsettings.json or environment variables such as Chat__Endpoint), the model calls rag.search / rag.ask itself
// (automatic function calling); without one, the sample calls the plugin functions directly and prints what an agent
// would see. README.md beside this file has the commands.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using RagPlatform.Core;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Generation;
using RagPlatform.Ingestion;
using RagPlatform.Search;
using RagPlatform.SemanticKernel;
using RagPlatform.Storage;

const string Collection = "sample";
var file = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("samples", "17-usc-106-107.md"));
var question = args.Length > 1 ? args[1] : "What factors are considered in determining fair use?";
var data = Path.Combine(Path.GetTempPath(), "ragp-sk-sample-" + Guid.NewGuid().ToString("N"));

// appsettings.json of the working directory (run from the repository root: the repository's own) and environment
// variables; the data folder is always a fresh temp one.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
builder.Configuration["Storage:DataDirectory"] = data;
builder.Services
    .AddRagCore()
    .AddRagStorage()
    .AddRagSearch()
    .AddRagIngestion()
    .AddRagSemanticKernel()
    .AddRagChat(builder.Configuration);  // the same Chat:Endpoint the server and ragp use; nothing when it is not set

using var host = builder.Build();
await host.StartAsync();
var provider = host.Services;
await provider.GetRequiredService<IMetadataStore>().MigrateAsync(CancellationToken.None);
var summary = await provider.GetRequiredService<IngestionPipeline>()
    .IndexAsync(Collection, [new SourceFile(Path.GetFileName(file), file)], prune: false, progress: null, CancellationToken.None);
Console.WriteLine($"Indexed {Path.GetFileName(file)}: {summary.Added} document(s) into '{Collection}' under {data}\n");

var kernel = provider.GetRequiredService<Kernel>();
if (kernel.Services.GetService<IChatCompletionService>() is { } chat)
{
    var history = new ChatHistory(
        $"You are a legal research assistant. Answer only from the '{Collection}' collection through the rag tools, " +
        "keep the [n] citations the ask tool returns, and list its sources.");
    history.AddUserMessage(question);
    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
    var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
    Console.WriteLine($"Agent: {reply.Content}");
}
else
{
    Console.WriteLine("No chat model registered: calling the plugin functions directly.\n");
    var hits = await kernel.InvokeAsync(RagPlugin.PluginName, "search", new KernelArguments { ["query"] = question, ["collection"] = Collection, ["top"] = 3 });
    Console.WriteLine($"rag.search(\"{question}\"):\n{hits.GetValue<string>()}\n");
    var answer = await kernel.InvokeAsync(RagPlugin.PluginName, "ask", new KernelArguments { ["question"] = question, ["collection"] = Collection });
    Console.WriteLine($"rag.ask(\"{question}\"):\n{answer.GetValue<string>()}");
}

await host.StopAsync();
try
{
    Directory.Delete(data, recursive: true);
}
catch (IOException)
{
    // Left for the OS to clean.
}
