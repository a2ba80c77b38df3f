// A Semantic Kernel agent over RagPlatform: indexes one sample document into a temp data folder, then answers a
// question through the "rag" plugin. With an IChatClient registered (any Microsoft.Extensions.AI chat client, e.g.
// an OpenAI-compatible endpoint), the model calls rag.search / rag.ask itself (automatic function calling);
// without one, the sample calls the plugin functions directly and prints what an agent would see.
//
//   dotnet run --project samples/SemanticKernelSample -- [file] ["question"]
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using RagPlatform.Core;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Ingestion;
using RagPlatform.Search;
using RagPlatform.SemanticKernel;
using RagPlatform.Storage;

const string Collection = "sample";
var file = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("samples", "17-usc-106-107.md"));
var question = args.Length > 1 ? args[1] : "What factors are considered in determining fair use?";
var data = Path.Combine(Path.GetTempPath(), "ragp-sk-sample-" + Guid.NewGuid().ToString("N"));

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data })
    .Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging()
    .AddRagCore()
    .AddRagStorage()
    .AddRagSearch()
    .AddRagIngestion()
    .AddRagSemanticKernel();
// services.AddSingleton<Microsoft.Extensions.AI.IChatClient>(...);  // plug any chat model here to let it drive.

await using var provider = services.BuildServiceProvider();
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

try
{
    Directory.Delete(data, recursive: true);
}
catch (IOException)
{
    // Left for the OS to clean.
}
